/** A conversation held for someone ends after this long without a message from the mediator. */
export const ACTING_IDLE_LIMIT_MS = 30 * 60_000;

/** How a consent was collected: in chat by the person, or by a mediator on paper or orally. */
export const CONSENT_METHODS = ['chat', 'paper', 'oral'] as const;
/** A consent method id, persisted in `consent.method`. */
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** Longest consent reference a mediator types (a form number, "oral, 22/11, centre social"). */
export const CONSENT_REFERENCE_MAX = 60;

/** How a mediator came to support a person, persisted in `mediator_support.via`. */
export type SupportVia = 'registered' | 'assigned';

/** A person a mediator supports, as the mediation menu lists them. */
export interface SupportedPerson {
  readonly id: number;
  /** Null when the person has no volunteer profile. */
  readonly firstName: string | null;
  readonly neighbourhood: string | null;
}

/** A mediator's conversation on someone's behalf, as flows see it. */
export interface OnBehalf {
  readonly mediatorId: number;
}

/** The consent a mediator collected for a person, recorded with the registration. */
export interface MediatedConsent {
  readonly method: Exclude<ConsentMethod, 'chat'>;
  readonly reference: string;
}
