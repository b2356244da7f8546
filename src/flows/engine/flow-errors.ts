import type { Text } from '../../domain/text';

/**
 * A flow definition references a step, flow or named function that does not exist, or loops
 * without asking anything. A programmer error: it is thrown, never shown to residents as such.
 */
export class FlowDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlowDefinitionError';
  }
}

/**
 * What a step needs has gone between two messages: a consultation closed, a session cancelled or
 * started, an idea decided, a person erased. Not a bug: the engine says `notice` kindly and takes
 * the person back to what they were doing before, or to the menu. Thrown by named functions that
 * cannot do their work without it.
 */
export class GoneError extends Error {
  constructor(readonly notice: Text) {
    super(`gone: ${'key' in notice ? notice.key : 'text'}`);
    this.name = 'GoneError';
  }
}
