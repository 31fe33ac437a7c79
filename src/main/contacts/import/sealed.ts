// Contacts that buildContact cleaned in this process for a plan, frozen so that nothing can change
// them afterwards: the commit of that same plan object stores them as they are instead of cleaning
// all of them a second time. A plan that crossed a thread or a process (the import worker, the
// renderer) arrives as copies, which are not here, and a row whose contact was replaced is not
// either: those are cleaned again at commit as before.
import type { ContactData } from '../types';

const sealed = new WeakSet<ContactData>();

/** Freezes the cleaned contact (its fields and tags too) and remembers it as cleaned. */
export function sealCleaned(data: ContactData): ContactData {
  Object.freeze(data.fields);
  Object.freeze(data.tags);
  sealed.add(Object.freeze(data));
  return data;
}

/** True when this very object was sealed by sealCleaned, so it still holds what buildContact made. */
export function isSealedClean(data: ContactData): boolean {
  return sealed.has(data);
}
