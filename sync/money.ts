import { FieldProblem } from './records.ts';

/**
 * Amounts in the base currency. The base is the config's `currency`, else the first currency an
 * export names; an amount in another currency is converted with the config's `fx` rate, and with no
 * rate its record is rejected: a sum across currencies would be wrong without saying so.
 */
export class Money {
  private base: string | undefined;

  constructor(
    base: string | undefined,
    private readonly fx: Record<string, number>,
  ) {
    this.base = base;
  }

  get baseCurrency(): string | undefined {
    return this.base;
  }

  /** amount_base of an amount; `column` names the currency column for the reject. */
  toBase(amount: number | null, currency: string | null, column: string): number | null {
    if (amount === null || currency === null) return amount;
    this.base ??= currency;
    if (currency === this.base) return amount;
    const rate = this.fx[currency];
    if (rate === undefined) {
      throw new FieldProblem(
        column,
        `no exchange rate from ${currency} to the base currency ${this.base}: add "fx": { "${currency}": <${this.base} per ${currency}> } to the config`,
      );
    }
    return amount * rate;
  }
}
