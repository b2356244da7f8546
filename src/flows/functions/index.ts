import type { FlowFunctions } from '../engine/flow-functions';
import { FlowDefinitionError } from '../engine/flow-errors';
import { actions } from './actions';
import { agentDeskFunctions } from './agent-desk';
import { conditions } from './conditions';
import { mediationActions, mediationConditions, mediationProviders, mediationRules, mediationViews } from './mediation-data';
import { providers } from './providers';
import { readers } from './readers';
import { rules } from './rules';
import { views } from './views';
import { drawActions } from './draw-data';
import { cityQuestionFunctions } from './city-questions';

/** The tables of `base` with those of each part added; a name defined twice is a programmer error. */
function merged(base: FlowFunctions, parts: readonly Partial<FlowFunctions>[]): FlowFunctions {
  const table = <K extends keyof FlowFunctions>(kind: K): FlowFunctions[K] => {
    const all: Record<string, unknown> = { ...base[kind] };
    for (const part of parts) {
      for (const [name, fn] of Object.entries(part[kind] ?? {})) {
        if (name in all) throw new FlowDefinitionError(`named function ${name} is defined twice among ${kind}`);
        all[name] = fn;
      }
    }
    return all as FlowFunctions[K];
  };
  return {
    conditions: table('conditions'),
    views: table('views'),
    providers: table('providers'),
    readers: table('readers'),
    rules: table('rules'),
    actions: table('actions'),
  };
}

/** Every named function the flow definitions may reference. */
export const flowFunctions: FlowFunctions = merged({ conditions, views, providers, readers, rules, actions }, [
  ...agentDeskFunctions,
  { conditions: mediationConditions, views: mediationViews, providers: mediationProviders, rules: mediationRules, actions: mediationActions },
  { actions: drawActions },
  cityQuestionFunctions,
]);
