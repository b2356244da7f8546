import type { ChannelKind } from './channel-kind';
import type { Language } from './language';
import type { VolunteerProfile } from './profile';
import type { Role } from './role';

/** Where the person stands as a volunteer. */
export type VolunteerStatus = 'none' | 'volunteer' | 'withdrawn';

/** A contact point as flows see it. */
export interface ContactPointView {
  readonly id: number;
  readonly channel: ChannelKind;
  readonly address: string;
  /** The chat there is end-to-end encrypted (a Matrix direct chat): only the person and the bot read it. */
  readonly endToEndEncrypted?: boolean;
}

/** A consent the person gave, with the version of the notice they saw. */
export interface ConsentView {
  readonly purpose: string;
  readonly noticeVersion: string;
  readonly givenAt: string;
  readonly method: string;
  readonly withdrawnAt: string | null;
  /** For a consent a mediator collected: the paper trail (a form number), and who collected it. */
  readonly reference?: string | null;
  readonly recordedBy?: number | null;
}

/** What is known of a person besides their contact points: their row, roles and consents. */
export interface PersonFacts {
  readonly id: number;
  readonly createdAt: string;
  readonly language: Language | null;
  readonly volunteerStatus: VolunteerStatus;
  readonly profile: VolunteerProfile | null;
  /** The contact point reminders go to, when the person wants reminders. */
  readonly reminderContactId: number | null;
  readonly optedOutAt: string | null;
  /** The deep link that first brought the person (a poster's QR code), if any. */
  readonly cameFrom: string | null;
  readonly roles: readonly Role[];
  readonly consents: readonly ConsentView[];
  /** Answers to the city's own profile questions (question id → option id). */
  readonly otherAnswers?: Readonly<Record<string, string>>;
}

/**
 * Everything the flows may know about the person they talk to, loaded once per inbound message.
 * Flows are pure: they read this and return effects; they never query the store.
 */
export interface PersonSnapshot extends PersonFacts {
  readonly contacts: readonly ContactPointView[];
  /** Seats of draws the person answered during this turn (the store learns it after the turn). */
  readonly answeredSeats?: readonly number[];
}
