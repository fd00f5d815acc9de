/** JSON Schema pieces shared by rules with the same params, so the rulebook validates them alike. */

export const ACCOUNT_LIST_SCHEMA = {
  type: 'array',
  items: { type: 'string', pattern: '^\\d{12}$' },
  description: '12-digit AWS account IDs the organization trusts (its own accounts, known partners).',
}

export interface TrustedAccountsParams {
  trusted_accounts: string[]
}
