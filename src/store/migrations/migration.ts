/** One schema step. `version` is what `PRAGMA user_version` holds once it has run. */
export interface Migration {
  readonly version: number;
  /** snake_case, for logs and errors. */
  readonly name: string;
  readonly sql: string;
}
