/** The region and the department the scenarios measure, and whose data growth the growth rows compare with (runner/volumes.ts). */
export const IDF = '11';
export const DEPARTMENT = '93';
