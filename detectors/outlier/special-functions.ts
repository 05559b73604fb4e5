/**
 * Special functions needed by the probability and confidence outputs.
 * Accuracy targets are stated per function; they are checked against scipy
 * values in the unit tests.
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126;

/**
 * Error function. For |x| < 3 it sums the Maclaurin series (absolute error
 * below 1e-13 because of cancellation near |x| = 3); beyond that it uses the
 * continued fraction of erfc, evaluated with the modified Lentz method.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) {
    return Number.NaN;
  }
  const ax = Math.abs(x);
  const value = ax < 3 ? erfSeries(ax) : 1 - erfcContinuedFraction(ax);
  return x < 0 ? -value : value;
}

function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= -x2 / n;
    const contribution = term / (2 * n + 1);
    sum += contribution;
    if (Math.abs(contribution) < 1e-17 * Math.abs(sum)) {
      break;
    }
  }
  return TWO_OVER_SQRT_PI * sum;
}

// erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) for x > 0.
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + a / c;
    if (c === 0) {
      c = tiny;
    }
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) {
      break;
    }
  }
  return Math.exp(-x * x) / (f * Math.sqrt(Math.PI));
}

/** Natural logarithms of 0!, 1!, …, n!, summed exactly term by term. */
export function logFactorials(n: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let i = 2; i <= n; i++) {
    out[i] = out[i - 1]! + Math.log(i);
  }
  return out;
}

/**
 * Binomial survival function P(X > k) for X ~ Binomial(n, p), the same value
 * as 1 − scipy.stats.binom.cdf(k, n, p). It sums the probability mass in log
 * space, so tails far below 1e-16 keep their relative accuracy.
 * `logFact` must hold log(i!) for i up to n (see logFactorials).
 */
export function binomialSurvival(k: number, n: number, p: number, logFact: Float64Array): number {
  if (k < 0) {
    return 1;
  }
  if (k >= n || p <= 0) {
    return 0;
  }
  if (p >= 1) {
    return 1;
  }
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  let sum = 0;
  for (let i = k + 1; i <= n; i++) {
    sum += Math.exp(logFact[n]! - logFact[i]! - logFact[n - i]! + i * logP + (n - i) * logQ);
  }
  return Math.min(1, sum);
}
