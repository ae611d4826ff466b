import type { PromptFinding } from './finding';
import { error, shown, warning } from './finding';
import { flagRelations } from './flagRelations';
import type { ParsedFlag, ParsedPrompt } from './parsePrompt';

const VIDEO_FLAGS = '--motion, --raw, --loop, --end, --bs';

function valueFindings(flag: ParsedFlag): PromptFinding[] {
	const rule = flag.rule;
	if (flag.malformed) return [error(`${shown(flag)}: ${flag.malformed}`)];
	if (!rule) {
		return [warning(`${shown(flag)}: unknown parameter, sent unchecked`)];
	}
	if (rule.takes === 'none' && flag.value) {
		return [
			error(
				`${shown(flag)}: --${rule.name} takes no value; words after a parameter belong before the first parameter`,
			),
		];
	}
	if (rule.takes === 'required' && !flag.value) {
		return [error(`${flag.typed} needs a value: ${rule.rule}`)];
	}
	if (!flag.value) return [];
	if (flag.value.includes('{')) {
		return [warning(`${shown(flag)}: permutations {…} are sent unchecked`)];
	}
	const broken = rule.check?.(flag.value);
	if (broken) return [error(`${shown(flag)}: --${rule.name} must be ${broken}`)];
	const advice = rule.advise?.(flag.value);
	return advice ? [warning(`${shown(flag)}: ${advice}`)] : [];
}

function duplicateFindings(flags: ParsedFlag[]): PromptFinding[] {
	const byName = new Map<string, ParsedFlag[]>();
	for (const flag of flags.filter((known) => known.rule)) {
		byName.set(flag.key, [...(byName.get(flag.key) ?? []), flag]);
	}
	const findings: PromptFinding[] = [];
	for (const [name, same] of byName) {
		if (same.length < 2) continue;
		const values = [...new Set(same.map((flag) => flag.value.toLowerCase()))];
		findings.push(
			values.length > 1
				? error(
						`--${name} is given ${same.length} times with different values (${same.map(shown).join(', ')}): keep one`,
					)
				: warning(`--${name} is given ${same.length} times`),
		);
	}
	return findings;
}

function videoFindings(flags: ParsedFlag[]): PromptFinding[] {
	const video = flags.some((flag) => flag.key === 'video');
	const findings: PromptFinding[] = [];
	for (const flag of flags) {
		const rule = flag.rule;
		if (!rule) continue;
		if (rule.videoOnly && !video) {
			findings.push(error(`${shown(flag)}: --${rule.name} works only in a --video prompt`));
		} else if (video && rule.withVideo === 'block') {
			findings.push(
				error(
					`${shown(flag)}: --${rule.name} is an image parameter; a --video job takes only ${VIDEO_FLAGS}`,
				),
			);
		} else if (video && rule.withVideo === 'warn') {
			findings.push(
				warning(`${shown(flag)}: not documented for --video jobs; Midjourney may ignore it`),
			);
		}
	}
	return findings;
}

/** Every problem with a prompt's flags, errors first. */
export function validateFlags(parsed: ParsedPrompt): PromptFinding[] {
	const findings = [
		...parsed.flags.flatMap(valueFindings),
		...duplicateFindings(parsed.flags),
		...videoFindings(parsed.flags),
		...flagRelations(parsed),
	];
	return [
		...findings.filter((finding) => finding.level === 'error'),
		...findings.filter((finding) => finding.level === 'warning'),
	];
}
