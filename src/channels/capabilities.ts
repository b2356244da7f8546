import type { ChannelKind } from '../domain/channel-kind';
import type { ChannelCapabilities } from './channel';

/** What each channel can show; adapters declare theirs from here, and previews render alike. */
export const CHANNEL_CAPABILITIES: Readonly<Record<ChannelKind, ChannelCapabilities>> = {
  console: { buttons: false },
  telegram: { buttons: true },
  // Matrix clients show no buttons we can rely on, and SMS is text: numbered menus.
  matrix: { buttons: false },
  sms: { buttons: false },
};
