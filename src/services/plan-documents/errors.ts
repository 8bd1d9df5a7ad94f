/** What can be wrong with a plan file, for the bot and the CLI to explain. */
export type PlanFileProblem = 'too_big' | 'unsupported' | 'encrypted' | 'corrupt' | 'no_text' | 'empty' | 'no_activity';

export class PlanFileError extends Error {
  constructor(
    readonly problem: PlanFileProblem,
    detail?: string,
  ) {
    super(detail ? `${problem}: ${detail}` : problem);
    this.name = 'PlanFileError';
  }
}
