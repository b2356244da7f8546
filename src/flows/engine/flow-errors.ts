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
