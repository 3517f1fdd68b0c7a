import type { MigrationInterface, QueryRunner } from 'typeorm';
import { displayEmail, normalizedEmail } from '../modules/users/identity-text';

/**
 * Emails are compared after NFKC and case folding (DESIGN.md rule 7): store
 * existing ones that way. Rows whose folded address would collide with
 * another's keep their old value (two users already exist for what is now one
 * address; an operator must merge or rename them), with a warning on stderr.
 */
export class NormalizedEmails1764010000000 implements MigrationInterface {
  name = 'NormalizedEmails1764010000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const rows: { id: string; email: string; email_lower: string }[] = await queryRunner.query(
      'SELECT id, email, email_lower FROM principals WHERE email IS NOT NULL',
    );
    const holders = new Map<string, string[]>();
    for (const row of rows) {
      const folded = normalizedEmail(row.email);
      holders.set(folded, [...(holders.get(folded) ?? []), row.id]);
    }
    for (const row of rows) {
      const folded = normalizedEmail(row.email);
      const display = displayEmail(row.email);
      if (folded === row.email_lower && display === row.email) continue;
      if (holders.get(folded)!.length > 1) {
        // The DataSource logs nothing in production, and a migration has no other logger: a process warning goes to stderr.
        process.emitWarning(`${row.id} kept its email: its normalised form is shared by ${holders.get(folded)!.join(', ')}`, 'NormalizedEmails');
        continue;
      }
      await queryRunner.query('UPDATE principals SET email = ?, email_lower = ? WHERE id = ?', [display, folded, row.id]);
    }
  }

  /** The normalised forms are valid addresses as they stand: nothing to undo. */
  async down(): Promise<void> {}
}
