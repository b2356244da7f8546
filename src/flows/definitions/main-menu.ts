import { text } from '../../domain/text';
import type { FlowDefinition } from '../engine/flow-definition';

/** The main menu: what the person can do now. Entries depend on who they are. */
export const mainMenuFlow: FlowDefinition = {
  id: 'main_menu',
  version: 1,
  start: 'menu',
  steps: {
    menu: {
      type: 'choice',
      prompt: [text('menu:prompt')],
      choices: [
        { id: 'register', label: text('menu:register'), when: 'is_not_volunteer' },
        { id: 'profile', label: text('menu:profile'), when: 'is_volunteer' },
        { id: 'sessions', label: text('menu:sessions') },
        { id: 'ideas', label: text('menu:ideas') },
        { id: 'consultations', label: text('menu:consultations') },
        { id: 'language', label: text('menu:language') },
        { id: 'privacy', label: text('menu:privacy') },
        { id: 'help', label: text('menu:help') },
        { id: 'draw', label: text('menu:draw'), when: 'has_draw_invitation' },
        // Staff desks come last, so that residents' numbers are the same for everyone.
        { id: 'mediation', label: text('menu:mediation'), when: 'is_mediator' },
        { id: 'agent', label: text('menu:agent'), when: 'is_agent' },
      ],
      next: {
        byChoice: {
          register: 'open_registration',
          profile: 'open_profile',
          sessions: 'open_sessions',
          ideas: 'open_ideas',
          consultations: 'open_consultations',
          language: 'open_language',
          privacy: 'open_privacy',
          help: 'help',
          draw: 'open_draw',
          mediation: 'open_mediation',
          agent: 'open_agent',
        },
      },
    },
    help: { type: 'say', say: [text('help:text'), { key: 'help:human', view: 'human_contact' }], next: 'menu' },
    open_registration: { type: 'goto_flow', flow: 'volunteer_registration' },
    open_profile: { type: 'goto_flow', flow: 'profile' },
    open_sessions: { type: 'goto_flow', flow: 'sessions' },
    open_ideas: { type: 'goto_flow', flow: 'ideas' },
    open_consultations: { type: 'goto_flow', flow: 'consultations' },
    open_language: { type: 'goto_flow', flow: 'language' },
    open_privacy: { type: 'goto_flow', flow: 'privacy' },
    open_mediation: { type: 'goto_flow', flow: 'mediation' },
    open_agent: { type: 'goto_flow', flow: 'agent' },
    open_draw: { type: 'goto_flow', flow: 'draw_invitation' },
  },
};
