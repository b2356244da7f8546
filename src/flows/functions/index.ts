import type { FlowFunctions } from '../engine/flow-functions';
import { actions } from './actions';
import { conditions } from './conditions';
import { providers } from './providers';
import { rules } from './rules';
import { views } from './views';

/** Every named function the flow definitions may reference. */
export const flowFunctions: FlowFunctions = { conditions, views, providers, rules, actions };
