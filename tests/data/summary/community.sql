-- A small community for summary tests, loaded into a fresh `gov init`
-- database. Today is 2026-11-27 (GOV_NOW 2026-11-27T09:00:00Z, +08:00); the
-- default period is 2026-11-01 .. 2026-11-27. Times are UTC; the comments give
-- community-local dates. Hand-computed figures are in tests/unit/summary_test.cpp.
INSERT INTO compound(id, name) VALUES (1, '幸福里'), (2, '阳光苑');
INSERT INTO building(id, compound_id, name) VALUES (1, 1, '1'), (2, 1, '12'), (3, 2, '1');
INSERT INTO unit(id, building_id, name) VALUES (1, 1, '1'), (2, 1, '2'), (3, 2, '3');
INSERT INTO household(id, unit_id, room, area_centi) VALUES (1, 1, '101', 8850), (2, 3, '1502', 12000);
INSERT INTO resident(id, household_id, name, birth_year, phone, role, active) VALUES
  (1, 1, '张三', 1970, '13800000001', '业主', 1),
  (2, 2, '李四', 1980, '13800000002', '业主', 1),
  (3, 1, '张小三', 2012, '13800000001', '家属', 1),
  (4, 2, '赵六', 1960, '13800000004', '租户', 0);
INSERT INTO party(id, name, kind) VALUES (1, '物业公司', 'property_management'),
  (2, '业委会', 'owners_committee');
INSERT INTO roster_import(id, at, file, sha256, rows, added, updated, unchanged, moved_out, invalid)
  VALUES (1, '2026-11-01T02:00:00Z', 'roster-2026-autumn.csv', 'x', 10, 3, 1, 6, 1, 0);

INSERT INTO issue(id, title, category, severity, priority, status, building_id, assignee_party_id,
                  assignee_resident_id, due, created_at, created_by, updated_at, resolved_at, closed_at) VALUES
  -- open, local 11-20 (age 7), due 11-23: 4 days overdue
  (1, '1号楼外墙瓷砖脱落', '安全隐患', '大事', '紧急', 'open', 1, 1, NULL, '2026-11-23',
   '2026-11-20T01:00:00Z', 'tester', '2026-11-20T01:00:00Z', NULL, NULL),
  -- in progress, local 08-01 (age 118), due 08-04: 115 days overdue
  (2, '配电箱电线裸露', '安全隐患', '难事', '高', 'in_progress', 2, NULL, 2, '2026-08-04',
   '2026-08-01T02:00:00Z', 'tester', '2026-08-01T02:00:00Z', NULL, NULL),
  -- open, local 10-20 (age 38), due 12-31: not overdue
  (3, '楼道堆放杂物', '环境卫生', '小事', '中', 'open', 3, NULL, NULL, '2026-12-31',
   '2026-10-20T03:00:00Z', 'tester', '2026-10-20T03:00:00Z', NULL, NULL),
  -- open, no building, unclassified, 16:30 UTC = local 11-11 00:30 (age 16), due 11-18: 9 days overdue
  (4, '广场舞音响过大', '噪音', '', '中', 'open', NULL, NULL, NULL, '2026-11-18',
   '2026-11-10T16:30:00Z', 'tester', '2026-11-10T16:30:00Z', NULL, NULL),
  -- resolved local 11-02 -> 11-05: 3 days
  (5, '路灯不亮', '设施维修', '小事', '中', 'resolved', 1, 1, NULL, '2026-11-09',
   '2026-11-02T01:00:00Z', 'tester', '2026-11-05T02:00:00Z', '2026-11-05T02:00:00Z', NULL),
  -- resolved local 10-25 -> 11-04 (10 days), then closed
  (6, '井盖松动', '安全隐患', '大事', '高', 'closed', 1, 1, NULL, '2026-10-28',
   '2026-10-25T01:00:00Z', 'tester', '2026-11-06T01:00:00Z', '2026-11-04T01:00:00Z',
   '2026-11-06T01:00:00Z'),
  -- resolved the same local day: 0 days
  (7, '绿化带枯死', '绿化', '小事', '低', 'resolved', 2, NULL, NULL, '2026-11-17',
   '2026-11-03T01:00:00Z', 'tester', '2026-11-03T10:00:00Z', '2026-11-03T10:00:00Z', NULL),
  -- resolved in October: outside the period
  (8, '车位被占', '停车管理', '大事', '中', 'resolved', 2, NULL, NULL, '2026-09-15',
   '2026-09-01T01:00:00Z', 'tester', '2026-10-15T01:00:00Z', '2026-10-15T01:00:00Z', NULL),
  -- rejected: done but not resolved
  (9, '邻居装修纠纷', '邻里纠纷', '小事', '中', 'rejected', 3, NULL, NULL, '2026-11-29',
   '2026-11-15T01:00:00Z', 'tester', '2026-11-16T01:00:00Z', NULL, '2026-11-16T01:00:00Z'),
  -- local 11-01 08:00 -> 11-26 23:30: 25 days
  (10, '电梯异响', '设施维修', '难事', '紧急', 'resolved', 3, 1, NULL, '2026-11-08',
   '2026-11-01T00:00:00Z', 'tester', '2026-11-26T15:30:00Z', '2026-11-26T15:30:00Z', NULL),
  -- local 10-31 18:00 -> 11-01 00:30: 1 day, resolved inside the period, opened before it
  (11, '垃圾桶破损', '其他', '小事', '中', 'resolved', 1, NULL, NULL, '2026-11-14',
   '2026-10-31T10:00:00Z', 'tester', '2026-10-31T16:30:00Z', '2026-10-31T16:30:00Z', NULL);

INSERT INTO proposal(id, code, title, method, rule, electorate, status, outcome, result,
                     created_at, created_by, opened_at, closed_at) VALUES
  (1, 'P2026-001', '更换小区监控', 'yes-no', '"simple-majority"', '{"kind":"households"}',
   'closed', 'passed', '{}', '2026-10-01T01:00:00Z', 'tester', '2026-10-02T01:00:00Z',
   '2026-11-10T02:00:00Z'),
  (2, 'P2026-002', '增设充电桩', 'yes-no', '"simple-majority"', '{"kind":"households"}',
   'closed', 'rejected', '{}', '2026-09-01T01:00:00Z', 'tester', '2026-09-02T01:00:00Z',
   '2026-10-30T02:00:00Z'),
  (3, NULL, '调整停车收费', 'yes-no', '"simple-majority"', '{"kind":"households"}',
   'open', NULL, NULL, '2026-11-20T01:00:00Z', 'tester', '2026-11-21T01:00:00Z', NULL);

-- Projects (not limited by place; cancelled ones are left out). Progress is
-- derived from deliverables ([projects] progress = "deliverables").
INSERT INTO project(id, title, status, status_reason, lead_party_id, budget_fen, start_date, due_date,
                    completed_on, manual_progress, manual_reason, created_at, created_by, updated_at) VALUES
  -- active, 4 of 6 delivered: 66 %; budget 36000.00, funded 12000.00: gap 24000.00;
  -- milestone 2 due 11-20 not done: 1 overdue milestone; due 12-31: not overdue itself
  (1, '更新小区健身器材', 'active', '', 1, 3600000, '2026-10-01', '2026-12-31', NULL, NULL, '',
   '2026-10-01T01:00:00Z', 'tester', '2026-11-20T01:00:00Z'),
  -- planned, progress 30 % by hand, no budget: no gap; due 11-15: overdue itself
  (2, '加装电梯调研', 'planned', '', 2, NULL, NULL, '2026-11-15', NULL, 30, '问卷已收回三成',
   '2026-10-10T01:00:00Z', 'tester', '2026-11-01T01:00:00Z'),
  -- done, 20 of 20: 100 %; budget 5000.00, funded 6000.00: gap -1000.00, no funding gap;
  -- its milestone due 11-01 was never ticked, but a done project has no overdue milestones
  (3, '楼道灯更换', 'done', '', 1, 500000, '2026-09-01', '2026-11-10', '2026-11-05', NULL, '',
   '2026-09-01T01:00:00Z', 'tester', '2026-11-05T01:00:00Z'),
  -- cancelled: not in the summary
  (4, '屋顶花园', 'cancelled', '经费不足', 2, 9000000, NULL, '2026-10-01', NULL, NULL, '',
   '2026-08-01T01:00:00Z', 'tester', '2026-09-01T01:00:00Z');
INSERT INTO project_funding(id, project_id, party_id, amount_fen, funded_on, note) VALUES
  (1, 1, 1, 1200000, '2026-10-15', ''),
  (2, 3, 1, 400000, '2026-09-10', ''),
  (3, 3, 2, 200000, '2026-10-10', '');
INSERT INTO project_milestone(id, project_id, number, title, due, done_on) VALUES
  (1, 1, 1, '采购', '2026-11-10', '2026-11-08'),
  (2, 1, 2, '安装', '2026-11-20', NULL),
  (3, 1, 3, '验收', '2026-12-20', NULL),
  (4, 3, 1, '验收', '2026-11-01', NULL),
  (5, 4, 1, '设计', '2026-09-01', NULL);
INSERT INTO project_deliverable(id, project_id, name, target, delivered) VALUES
  (1, 1, '健身器材', 6, 4),
  (2, 3, '楼道灯', 20, 20);

-- Meetings: held in the period (with attendance), held before it, planned
-- today and after, cancelled. Local = UTC + 8 h.
INSERT INTO meeting(id, type, title, starts_at, ends_at, status, created_at, created_by) VALUES
  -- held local 11-07 19:00: 3 present, 1 absent
  (1, 'leaders', '11月楼长见面会', '2026-11-07T11:00:00Z', '2026-11-07T12:30:00Z', 'planned',
   '2026-10-20T01:00:00Z', 'tester'),
  -- held local 10-03: before the period
  (2, 'leaders', '10月楼长见面会', '2026-10-03T11:00:00Z', '2026-10-03T12:30:00Z', 'planned',
   '2026-09-20T01:00:00Z', 'tester'),
  -- planned local 11-27 19:00, today: not "after today"
  (3, 'adhoc', '电梯加装说明会', '2026-11-27T11:00:00Z', '2026-11-27T12:00:00Z', 'planned',
   '2026-11-20T01:00:00Z', 'tester'),
  -- planned local 12-05 19:00: upcoming
  (4, 'leaders', '12月楼长见面会', '2026-12-05T11:00:00Z', '2026-12-05T12:30:00Z', 'planned',
   '2026-11-20T01:00:00Z', 'tester'),
  -- planned local 12-12 09:00: upcoming
  (5, 'joint', '四方联席会议', '2026-12-12T01:00:00Z', '2026-12-12T03:00:00Z', 'planned',
   '2026-11-20T01:00:00Z', 'tester');
INSERT INTO meeting(id, type, title, starts_at, ends_at, status, created_at, created_by,
                    cancelled_at, cancel_reason) VALUES
  -- cancelled local 12-08: not upcoming
  (6, 'adhoc', '消防演练', '2026-12-08T01:00:00Z', '2026-12-08T02:00:00Z', 'cancelled',
   '2026-11-20T01:00:00Z', 'tester', '2026-11-25T01:00:00Z', '改期');
INSERT INTO meeting_attendance(id, meeting_id, resident_id, party_id, status) VALUES
  (1, 1, 1, NULL, 'present'), (2, 1, 2, NULL, 'present'), (3, 1, NULL, 1, 'present'),
  (4, 1, 3, NULL, 'absent');
UPDATE meeting SET status = 'held', closed_at = '2026-11-07T13:00:00Z' WHERE id = 1;
UPDATE meeting SET status = 'held', closed_at = '2026-10-03T13:00:00Z' WHERE id = 2;
