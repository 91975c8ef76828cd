import { makeId } from './ids.ts';

/** A household as the register's form takes it: a head and a daughter, of a status and a per-capita income. */
export function householdBody(village: string, no: string, seq: number, status: string, income: number, head = '赵长山') {
  return {
    villageCode: village,
    householdNo: no,
    category: 'ordinary',
    cause: 'illness',
    yearIdentified: 2015,
    plannedExitYear: 2019,
    exitYear: status === 'exited' ? 2019 : null,
    status,
    income,
    members: [
      { name: head, idNumber: makeId(village.slice(0, 6), '1962-04-04', seq, true), relation: 'head', gender: 'M' },
      {
        name: `${head.slice(0, 1)}小梅`,
        idNumber: makeId(village.slice(0, 6), '1990-08-08', seq + 2, false),
        relation: 'daughter',
        gender: 'F',
      },
    ],
  };
}
