'use strict';
// The account's two wallets (facts sheet §3.4, §5, §9): `points` and `credits`, $1 = 1000.
// A task freezes its price at submit (meta.usage.frozen) from points when they suffice, else from
// credits (usage.type "credit"); 402 when neither does. Completion consumes what was frozen
// (usage.consume); a failed task gets it back (consume 0) — the sheet implies but never states
// the release.
const { LegnextError } = require('./errors');

function newWallet(options) {
	return { points: options.points, credits: options.credits, frozen: 0 };
}

/** Freezes `price`; returns the task's meta.usage. Throws 402 when the balance is too low. */
function reserve(sim, price) {
	const w = sim.wallet;
	const type = w.points >= price ? 'point' : w.credits >= price ? 'credit' : null;
	if (!type)
		throw new LegnextError(
			402,
			`Insufficient balance: this task needs ${price} points, ` +
				`${w.points} points and ${w.credits} credits are available. Please top up your account.`,
		);
	if (type === 'point') w.points -= price;
	else w.credits -= price;
	w.frozen += price;
	return { type, frozen: price, consume: 0 };
}

/** At the final status: completed consumes the frozen amount, failed returns it. */
function settle(sim, usage, completed) {
	sim.wallet.frozen -= usage.frozen;
	if (completed) {
		usage.consume = usage.frozen;
		sim.counters.consumed += usage.frozen;
	} else if (usage.type === 'point') sim.wallet.points += usage.frozen;
	else sim.wallet.credits += usage.frozen;
}

/** RFC 3339 with nanoseconds, as captured in `updated_at`. */
const nanos = (date = new Date()) => `${date.toISOString().slice(0, 23)}000000Z`;

/** GET /api/account/balance `data`. */
function balanceData(sim) {
	const w = sim.wallet;
	return {
		account_id: sim.options.accountId,
		balance_usd: (w.points + w.credits) / 1000,
		available_credits: w.credits,
		available_points: w.points,
		alert_threshold: sim.options.alertThresholdUsd,
		low_balance_alert: (w.points + w.credits) / 1000 < sim.options.alertThresholdUsd,
		updated_at: nanos(),
	};
}

module.exports = { newWallet, reserve, settle, balanceData, nanos };
