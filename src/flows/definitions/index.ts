import type { FlowDefinition } from '../engine/flow-definition';
import { agentFlow } from './agent';
import { consultationInvitationFlow, consultationsFlow } from './consultations';
import { ideasFlow } from './ideas';
import { languageFlow } from './language';
import { mainMenuFlow } from './main-menu';
import { mediatedRegistrationFlow, mediationFlow } from './mediation';
import { eraseDataFlow, myDataFlow, privacyFlow } from './privacy';
import { profileFlow } from './profile';
import { sessionRsvpFlow, sessionsFlow } from './sessions';
import { volunteerRegistrationFlow } from './volunteer-registration';
import { welcomeFlow } from './welcome';
import { drawInvitationFlow } from './draws';

/** Every flow the bot runs. Flow ids are persisted: add flows freely, never rename one. */
export const allFlows: readonly FlowDefinition[] = [
  welcomeFlow,
  mainMenuFlow,
  volunteerRegistrationFlow,
  profileFlow,
  languageFlow,
  privacyFlow,
  myDataFlow,
  eraseDataFlow,
  sessionsFlow,
  sessionRsvpFlow,
  ideasFlow,
  consultationsFlow,
  consultationInvitationFlow,
  mediationFlow,
  mediatedRegistrationFlow,
  agentFlow,
  drawInvitationFlow,
];
