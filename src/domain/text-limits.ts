/** Caps on what users may type (docs/product.md#abuse-limits): longer input is refused, showing the limit. */
export const TEXT_LIMITS = {
  agencyCode: 32,
  agencyName: 200,
  reason: 500,
  commandArgs: 600,
} as const;
