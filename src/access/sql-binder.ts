import { SelectQueryBuilder, ObjectLiteral } from 'typeorm';

/** Binds a value as a query parameter and returns its placeholder: values never enter SQL text. */
export type Binder = (value: unknown) => string;

/** For hand-written SQL with positional parameters: pushes onto `params`, returns `$n`. */
export function positional(params: unknown[]): Binder {
  return (value) => `$${params.push(value)}`;
}

let counter = 0;

/** For a TypeORM query builder: a fresh named parameter per value. */
export function named<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Binder {
  return (value) => {
    const name = `acc_${++counter}`;
    qb.setParameter(name, value);
    return `:${name}`;
  };
}
