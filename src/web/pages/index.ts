import type { WebModule } from '../web-routes';
import { agentConsultationPages } from './agent/consultations';
import { auditPage } from './agent/audit';
import { dashboardPage } from './agent/dashboard';
import { agentDrawPages } from './agent/draws';
import { agentIdeaPages } from './agent/ideas';
import { noticePages } from './agent/notices';
import { peoplePages } from './agent/people';
import { sessionPages } from './agent/sessions';
import { mediatorPages } from './mediator/my-people';
import { assemblyPages } from './public/assembly';
import { consultationPages } from './public/consultations';
import { drawPages } from './public/draws';
import { ideaPages } from './public/ideas';
import { signInPages } from './sign-in';

/**
 * Every part of the web face. A new page is a module here (its routes, each a view model from a
 * use-case function and a template), a link in `layout.ts`, and its words in `locales/*\/web.json`.
 */
export const WEB_MODULES: readonly WebModule[] = [
  assemblyPages,
  consultationPages,
  ideaPages,
  drawPages,
  signInPages,
  dashboardPage,
  sessionPages,
  agentConsultationPages,
  agentIdeaPages,
  noticePages,
  agentDrawPages,
  peoplePages,
  auditPage,
  mediatorPages,
];
