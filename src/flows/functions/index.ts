import type { FlowFunctions } from '../engine/flow-functions';
import { actions } from './actions';
import { conditions } from './conditions';
import { mediationActions, mediationConditions, mediationProviders, mediationRules, mediationViews } from './mediation-data';
import { providers } from './providers';
import { rules } from './rules';
import { views } from './views';

/** Every named function the flow definitions may reference. */
export const flowFunctions: FlowFunctions = {
  conditions: { ...conditions, ...mediationConditions },
  views: { ...views, ...mediationViews },
  providers: { ...providers, ...mediationProviders },
  rules: { ...rules, ...mediationRules },
  actions: { ...actions, ...mediationActions },
};
