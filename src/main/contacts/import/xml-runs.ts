// A guard fed the text of an XML part chunk by chunk: it throws as soon as a tag or a run of text
// between two tags is longer than the cap. An XML parser (exceljs's saxes) holds a whole text node
// or tag in memory, so a sheet padded with hundreds of megabytes of whitespace would be held whole;
// no real spreadsheet has such a run (a cell holds at most 32,767 characters).
import { LimitExceeded } from './limits';

export class XmlRunGuard {
  /** Characters since the last "<" or ">". */
  private run = 0;

  constructor(
    private readonly part: string,
    private readonly maxRun: number,
  ) {}

  /** Checks the next chunk of the part's text. */
  feed(text: string): void {
    let from = 0;
    let lt = text.indexOf('<');
    let gt = text.indexOf('>');
    for (;;) {
      // Each index is searched again only once passed, so a chunk is walked once.
      if (lt >= 0 && lt < from) lt = text.indexOf('<', from);
      if (gt >= 0 && gt < from) gt = text.indexOf('>', from);
      const next = lt < 0 ? gt : gt < 0 ? lt : Math.min(lt, gt);
      if (next < 0) break;
      this.check(this.run + next - from);
      this.run = 0;
      from = next + 1;
    }
    this.check((this.run += text.length - from));
  }

  private check(run: number): void {
    if (run > this.maxRun) {
      throw new LimitExceeded(`la parte ${this.part} contiene un tratto di ${run.toLocaleString('it-IT')} caratteri senza tag, più di quanti ne tenga una cella`);
    }
  }
}
