import { ValueTransformer } from 'typeorm';

/** bigint columns come back from pg as strings; our magnitudes stay far below 2^53. */
export const bigintAsNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

/** numeric(5,4) shares (0..1) come back as strings; they are read, never summed in JS. */
export const numericAsNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};
