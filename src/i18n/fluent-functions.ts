/**
 * Functions the Fluent files call, given to every bundle (src/i18n/translator.ts).
 *
 * NUMBER is Fluent's own, plus the `type` option the Fluent guide documents for selectors:
 * `{ NUMBER($rank, type: "ordinal") -> [one] {$rank}st ... }` picks a variant by the language's
 * ordinal plural rules (1st, 2nd, 3rd, 4th, 11th, 21st). @fluent/bundle 0.17 keeps only the
 * formatting options (NUMBER_ALLOWED in its builtins.js) and drops `type`, so every ordinal
 * selector would fall to its default variant. Intl.NumberFormat ignores `type`: the number itself
 * is formatted as before.
 */
import { FluentDateTime, FluentNone, FluentNumber, type FluentFunction } from '@fluent/bundle';

/** @fluent/bundle's NUMBER_ALLOWED, and `type` (cardinal | ordinal) for Intl.PluralRules. */
const NUMBER_OPTIONS = [
  'unitDisplay',
  'currencyDisplay',
  'useGrouping',
  'minimumIntegerDigits',
  'minimumFractionDigits',
  'maximumFractionDigits',
  'minimumSignificantDigits',
  'maximumSignificantDigits',
  'type',
] as const;

/** Fluent's NUMBER() builtin with its `type` option kept (see above). */
export const NUMBER: FluentFunction = (positional, named) => {
  const [arg] = positional;
  if (arg instanceof FluentNone) return new FluentNone(`NUMBER(${arg.valueOf()})`);
  const options: Record<string, unknown> = {};
  for (const name of NUMBER_OPTIONS) {
    const value = named[name];
    if (value !== undefined) options[name] = value.valueOf();
  }
  // Intl.PluralRules reads `type` from the same options (@fluent/bundle's resolver passes them).
  const numberOptions = options as Intl.NumberFormatOptions;
  if (arg instanceof FluentNumber) return new FluentNumber(arg.valueOf(), { ...arg.opts, ...numberOptions });
  if (arg instanceof FluentDateTime) return new FluentNumber(arg.valueOf(), numberOptions);
  throw new TypeError('Invalid argument to NUMBER');
};

/** The functions every bundle gets (FluentBundle's `functions` option). */
export const FLUENT_FUNCTIONS: Readonly<Record<string, FluentFunction>> = { NUMBER };
