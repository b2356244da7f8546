import type { ConsentView } from '../../domain/person-snapshot';
import { literal, text, type Text, type TextParam } from '../../domain/text';
import { formatLocalDateTime } from '../../lib/local-time';
import type { StepContext } from '../engine/flow-functions';

/** Actions by mediators listed in MES DONNÉES: the latest few, so that the message stays short (by SMS too). */
export const ACTIONS_SHOWN = 3;

/** How a consent was collected, when a mediator collected or passed it on; nothing for one given in chat. */
export function consentHow(consent: ConsentView): Text | string {
  if (consent.method === 'paper' || (consent.method === 'oral' && consent.reference)) {
    return text('privacy:my_data.consent_how', { method: text(`mediation:register.method.${consent.method}`), reference: literal(consent.reference ?? '') });
  }
  return consent.method === 'oral' ? text('privacy:my_data.consent_relayed') : '';
}

/** The latest actions mediators took for the person, each with who, when and on which channel. */
export function actionsParams(ctx: StepContext): Record<string, TextParam> {
  const all = ctx.actionsForMe();
  return {
    count: all.length,
    actions: all.slice(-ACTIONS_SHOWN).map((action) =>
      text('privacy:my_data.action', {
        at: formatLocalDateTime(action.at, ctx.settings.city.timeZone),
        what: text(`audit:action.${action.action}`),
        by: action.actorId ?? '?',
        organisation: action.organisation ? literal(action.organisation) : text('privacy:my_data.no_organisation'),
      }),
    ),
  };
}
