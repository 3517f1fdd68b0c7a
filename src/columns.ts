/**
 * Column shapes shared by entities. Times are stored as epoch milliseconds
 * (BIGINT) on both databases: one precision, no time-zone conversion, and
 * comparisons that behave the same on SQLite and MySQL. Times are set in code
 * from the injected clock, never by database defaults.
 */
import { Column, PrimaryColumn, type ValueTransformer } from 'typeorm';

const epochMs: ValueTransformer = {
  to: (value: Date | null | undefined) => (value == null ? value : value.getTime()),
  from: (value: string | number | null) => (value == null ? null : new Date(Number(value))),
};

export const IdColumn = () => PrimaryColumn({ type: 'varchar', length: 40 });
export const RefColumn = (options: { nullable?: boolean; name: string }) =>
  Column({ type: 'varchar', length: 40, nullable: options.nullable ?? false, name: options.name });
export const TimeColumn = (name: string, nullable = false) =>
  Column({ type: 'bigint', name, nullable, transformer: epochMs });
