import type { IDataObject } from 'n8n-workflow';

/**
 * Fields a verb attaches to an item while building its request (prompt warnings), added to
 * that item's output. They live beside the execution context because the engine passes only
 * the finished job to the output step. Read lazily: notes about the whole batch are complete
 * only once every item is prepared, which the engine does before any request.
 */
const notesByContext = new WeakMap<object, Map<number, () => IDataObject>>();

export function setItemNotes(context: object, itemIndex: number, notes: () => IDataObject): void {
	const notesOfItems = notesByContext.get(context) ?? new Map<number, () => IDataObject>();
	notesOfItems.set(itemIndex, notes);
	notesByContext.set(context, notesOfItems);
}

export function itemNotes(context: object, itemIndex: number): IDataObject {
	return notesByContext.get(context)?.get(itemIndex)?.() ?? {};
}
