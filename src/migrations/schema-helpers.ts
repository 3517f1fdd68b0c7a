/**
 * Column builders for migrations that run on SQLite and MySQL alike
 * (typeorm's Table API). On MySQL, identifier-like text is binary-collated so
 * that uniqueness and ordering are case-sensitive, exactly as on SQLite.
 */
import type { QueryRunner, TableColumnOptions } from 'typeorm';

export interface ColumnKit {
  id(name?: string): TableColumnOptions;
  ref(name: string, nullable?: boolean): TableColumnOptions;
  text(name: string, length: number, nullable?: boolean): TableColumnOptions;
  longText(name: string, nullable?: boolean): TableColumnOptions;
  time(name: string, nullable?: boolean): TableColumnOptions;
  int(name: string, defaultValue?: number, nullable?: boolean): TableColumnOptions;
  bool(name: string, defaultValue?: boolean): TableColumnOptions;
}

export function columnKit(queryRunner: QueryRunner): ColumnKit {
  const mysql = queryRunner.connection.driver.options.type === 'mysql';
  const collation = mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {};
  return {
    id: (name = 'id') => ({ name, type: 'varchar', length: '40', isPrimary: true, ...collation }),
    ref: (name, nullable = false) => ({ name, type: 'varchar', length: '40', isNullable: nullable, ...collation }),
    text: (name, length, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable, ...collation }),
    longText: (name, nullable = false) => ({ name, type: 'text', isNullable: nullable, ...collation }),
    time: (name, nullable = false) => ({ name, type: 'bigint', isNullable: nullable }),
    int: (name, defaultValue, nullable = false) => ({
      name,
      type: 'int',
      isNullable: nullable,
      ...(defaultValue === undefined ? {} : { default: defaultValue }),
    }),
    bool: (name, defaultValue = false) => ({ name, type: 'boolean', isNullable: false, default: defaultValue ? 1 : 0 }),
  };
}
