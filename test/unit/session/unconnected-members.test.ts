import { describe, expect, it } from 'vitest';
import { UnconnectedMembers } from '../../../src/session/unconnected-members.js';

describe('the eavesdropper check', () => {
  it('names someone the server lists who never connects within the grace', () => {
    const members = new UnconnectedMembers(15_000);
    members.listed('m', 'Mallory', 0);
    expect(members.overdue(14_999)).toEqual([]);
    expect(members.nextDeadline(14_999)).toBe(15_000);
    expect(members.overdue(15_000)).toEqual(['Mallory']);
  });

  it('forgets those who connect, even if their connection drops later, and those who leave', () => {
    const members = new UnconnectedMembers(15_000);
    members.listed('b', 'Bea', 0);
    members.listed('c', 'Cal', 0);
    members.connected('b');
    members.left('c');
    expect(members.overdue(60_000)).toEqual([]);
    expect(members.nextDeadline(0)).toBeUndefined();
  });

  it('keeps the first listing time when the server lists someone again (a rename, a rejoin)', () => {
    const members = new UnconnectedMembers(15_000);
    members.listed('m', 'Mallory', 0);
    members.listed('m', 'Mal', 10_000);
    expect(members.overdue(15_000)).toEqual(['Mal']);
  });

  it('lists several overdue people oldest first', () => {
    const members = new UnconnectedMembers(1000);
    members.listed('y', 'Yan', 500);
    members.listed('x', 'Xia', 0);
    expect(members.overdue(2000)).toEqual(['Xia', 'Yan']);
  });
});
