/**
 * Finds secrets in anything n8n keeps or shows: run data, errors (own properties, enumerable or
 * not, causes, contexts, toJSON()), the workflow copy an execution carries (its nodes and their
 * parameters), maps and arrays. Nothing is exempt, node definitions included: a secret typed into
 * a node parameter is stored in plain text in the workflow and in every execution.
 */
export function allStrings(value: unknown): string[] {
	const out: string[] = [];
	const seen = new Set<unknown>();
	const walk = (current: unknown, depth: number): void => {
		if (typeof current === 'string') {
			out.push(current);
			return;
		}
		if (current === null || typeof current !== 'object' || depth > 60 || seen.has(current)) return;
		seen.add(current);
		if (ArrayBuffer.isView(current)) return; // binary content, not text
		if (current instanceof Map) {
			for (const [key, entry] of current) {
				walk(key, depth + 1);
				walk(entry, depth + 1);
			}
			return;
		}
		if (Array.isArray(current)) {
			for (const entry of current) walk(entry, depth + 1);
			return;
		}
		const keys =
			current instanceof Error ? Object.getOwnPropertyNames(current) : Object.keys(current);
		if (current instanceof Error && !keys.includes('cause') && 'cause' in current)
			keys.push('cause');
		for (const key of keys) {
			out.push(key);
			walk((current as Record<string, unknown>)[key], depth + 1);
		}
		const toJSON = (current as { toJSON?: () => unknown }).toJSON;
		if (typeof toJSON === 'function' && !(current instanceof Date)) {
			try {
				walk(toJSON.call(current), depth + 1);
			} catch {
				// an object whose toJSON fails shows nothing more
			}
		}
	};
	walk(value, 0);
	return out;
}

/** Where each secret shows up in `value`: a JSON path for each hit, empty when none. */
export function secretHits(value: unknown, secrets: string[]): string[] {
	const hits: string[] = [];
	// Only the current path guards against cycles: an object reached twice (n8n shares the node
	// between the error and the execution stack) is reported at every place it is stored.
	const ancestors = new Set<unknown>();
	const walk = (current: unknown, path: string, depth: number): void => {
		if (typeof current === 'string') {
			for (const secret of secrets) if (current.includes(secret)) hits.push(path);
			return;
		}
		if (current === null || typeof current !== 'object' || depth > 60) return;
		if (ancestors.has(current) || ArrayBuffer.isView(current)) return;
		ancestors.add(current);
		if (current instanceof Map) {
			for (const [key, entry] of current) walk(entry, `${path}.${String(key)}`, depth + 1);
		} else {
			const keys =
				current instanceof Error ? Object.getOwnPropertyNames(current) : Object.keys(current);
			if (current instanceof Error && !keys.includes('cause') && 'cause' in current)
				keys.push('cause');
			for (const key of keys) {
				walk((current as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
			}
		}
		ancestors.delete(current);
	};
	walk(value, '$', 0);
	// Strings only reachable through toJSON() (or hidden elsewhere) are still reported.
	const flat = allStrings(value);
	for (const secret of secrets) {
		if (flat.some((text) => text.includes(secret)) && !hits.length) hits.push('$ (via toJSON)');
	}
	return hits;
}
