// A command line the CLI cannot act on: said in one line, exit 2, like a bad input file.

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
