import type { IdeaCall } from '../domain/idea';
import type { Store } from '../store/store';

/** A published idea as the public sees it: what it says, where from, how many support it; never who wrote it. */
export interface PublishedIdea {
  readonly id: number;
  readonly title: string;
  readonly body: string;
  readonly neighbourhood: string | null;
  readonly supporters: number;
}

/** The ideas of one call, most supported first. */
export interface PublishedCall {
  readonly call: IdeaCall;
  readonly ideas: readonly PublishedIdea[];
}

/** Where calls for ideas stand, and every published idea by call, the latest call first. */
export interface IdeasOverview {
  readonly open: IdeaCall | null;
  readonly next: IdeaCall | null;
  readonly calls: readonly PublishedCall[];
}

/** Published ideas for the public pages, by call, most supported first. */
export function publishedIdeas(store: Store, now: Date): IdeasOverview {
  const published = store.ideas.list({ status: 'published' });
  const calls = store.ideas
    .calls()
    .map((call) => ({
      call,
      ideas: published
        .filter((idea) => idea.callId === call.id)
        .sort((a, b) => b.supporters - a.supporters || a.id - b.id)
        .map(({ id, title, body, neighbourhood, supporters }) => ({ id, title, body, neighbourhood, supporters })),
    }))
    .filter((entry) => entry.ideas.length > 0)
    .reverse();
  return { open: store.ideas.openCall(now), next: store.ideas.nextCall(now), calls };
}
