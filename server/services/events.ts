import { EventEmitter } from 'node:events';

export interface RoadmapChange {
  milestoneId: number | null;
  version: number | null;
  at: string;
}

/**
 * Saved changes, announced after their transaction commits, for the live timeline. One
 * process serves one database; several servers would put a broker here.
 */
export const roadmapChanges = new EventEmitter<{ change: [RoadmapChange] }>();
roadmapChanges.setMaxListeners(0);

export function announceChange(change: RoadmapChange): void {
  roadmapChanges.emit('change', change);
}
