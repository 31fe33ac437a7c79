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
    // A chunk no longer than the cap holds no run longer than the cap of its own: only the run it
    // continues and the run it leaves open can be. So only its first and last delimiters matter,
    // four native searches instead of one step per tag (a 50,000-row sheet has millions of tags).
    if (text.length <= this.maxRun) return this.feedShort(text);
    this.walk(text);
  }

  private feedShort(text: string): void {
    const first = firstDelimiter(text);
    if (first < 0) {
      this.check((this.run += text.length));
      return;
    }
    this.check(this.run + first);
    this.run = text.length - 1 - Math.max(text.lastIndexOf('<'), text.lastIndexOf('>'));
  }

  /** Every delimiter of a long chunk in turn. */
  private walk(text: string): void {
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

/** Index of the first "<" or ">", or -1. */
function firstDelimiter(text: string): number {
  const lt = text.indexOf('<');
  const gt = text.indexOf('>');
  return lt < 0 ? gt : gt < 0 ? lt : Math.min(lt, gt);
}
