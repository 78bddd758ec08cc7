#!/usr/bin/env python3
"""gov's synthetic community: a resident roster, issues and paper ballots.

    gen.py --residents 100000 --seed 1 --out /tmp/gov-bench-100k

writes into --out:

    roster.csv   姓名,性别,出生年份,小区,楼栋,单元,房号,电话,身份,建筑面积,
                 是否党员,是否楼长,入住日期,备注          (--residents rows)
    issues.csv   标题,类别,楼栋,提出人电话,状态,优先级,创建日期,解决日期
                                                          (--issues, default residents/5)
    ballots.csv  提案编号,房号,意见                        (per proposal, one per room
                                                           that has an owner in the roster)

The files are meant for benchmarks and for trying gov on realistic volumes.
They are the same bytes for the same options on any machine: the only
source of variation is random.Random(seed), and nothing is read from the
clock, the locale or hash order. Python 3 standard library only.

What the data holds, because tests and benchmarks lean on it:

  * Rows end with CRLF, as Excel writes them (--lf for LF); a line break
    inside a quoted 备注 is a bare LF.
  * About 1.5 % of 备注 need RFC 4180 quoting (commas, double quotes, line
    breaks); a few of those start or end with spaces, which must be kept.
  * About 0.15 % of names carry a character outside GBK, from CJK Extension
    A (3 bytes in UTF-8, mostly 4 in GB18030) or B (4 bytes in both), so a
    decoder that only knows GBK fails on them. --gbk writes roster.csv in
    GB18030, --bom writes a UTF-8 BOM first.
  * Building numbers (楼栋) are unique over the whole file; every 小区 owns a
    run of them. A room is (楼栋, 单元, 房号) with 房号 = floor * 100 + door,
    and is written 楼栋-单元-房号 in ballots.csv.
  * Every row of a room carries the room's area (2 decimals) and move-in
    date. Names are unique within a room, so no two rows of a room are the
    same person.
  * Adults' mobiles are unique. Young children have no phone or a parent's;
    a few elderly people give a landline (0551-xxxxxxxx) instead.
  * Some owners who live in the compound also own a rented-out room there:
    they appear again, as 业主 of that room, with the same name, gender, birth
    year and phone (one person, two rooms). A very few own two such rooms.
  * At most one 楼长 per building.
  * issues.csv uses gov's default categories, statuses (open, in_progress,
    resolved, closed, rejected) and priorities (紧急/高/中/低); 解决日期 is
    given for resolved and closed issues only, never before 创建日期; the
    submitter's phone is an adult's mobile from the roster.
  * ballots.csv is an owners' vote (业主大会, Civil Code art. 278): the
    voters are the rooms with an 业主 row — rented rooms whose owner is not
    in the roster have no vote. Proposals are P2025-001, P2025-002, …;
    意见 is 同意, 反对 or 弃权; an owner of several rooms nearly always
    votes the same way for each (about 5 % of such pairs differ).
  * Rows come building by building, unit by unit, floor by floor, as
    rosters kept per building do; ballots are shuffled within a proposal.
"""

import argparse
import csv
import datetime
import os
import random
import sys

ROSTER_COLUMNS = ("姓名", "性别", "出生年份", "小区", "楼栋", "单元", "房号", "电话", "身份",
                  "建筑面积", "是否党员", "是否楼长", "入住日期", "备注")
ISSUE_COLUMNS = ("标题", "类别", "楼栋", "提出人电话", "状态", "优先级", "创建日期", "解决日期")
BALLOT_COLUMNS = ("提案编号", "房号", "意见")

# The data is "as of" mid-2025: nothing is dated later, so a gov whose
# today is any day after that accepts every date.
AS_OF = datetime.date(2025, 6, 30)
THIS_YEAR = AS_OF.year

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

# Surnames with rough weights; a handful of two-character ones.
SURNAME_TABLE = """
王 90 李 88 张 84 刘 66 陈 57 杨 40 黄 30 赵 26 吴 25 周 24 徐 17 孙 16 马 15
朱 14 胡 13 郭 12 何 12 高 11 林 11 罗 10 郑 10 梁 9 谢 8 宋 8 唐 8 许 7 韩 7
冯 7 邓 7 曹 6 彭 6 曾 6 肖 6 田 5 董 5 袁 5 潘 5 于 5 蒋 5 蔡 5 余 5 杜 5 叶 5
程 4 苏 4 魏 4 吕 4 丁 4 任 4 沈 4 姚 4 卢 4 姜 4 崔 4 钟 4 谭 3 陆 3 汪 3 范 3
金 3 石 3 廖 3 贾 3 夏 3 韦 3 方 3 白 3 邹 3 孟 2 熊 2 秦 2 邱 2 江 2 尹 2 薛 2
闫 2 段 2 雷 2 侯 2 龙 2 史 2 陶 2 黎 1 贺 1 顾 1 毛 1 郝 1 龚 1 邵 1 万 1 钱 1
严 1 武 1 戴 1 莫 1 孔 1 汤 1 欧阳 1 司徒 1 上官 1 慕容 1
""".split()
SURNAMES = SURNAME_TABLE[0::2]
SURNAME_WEIGHTS = [int(w) for w in SURNAME_TABLE[1::2]]

# Characters of given names, by sex and by generation (born before 1975,
# 1975-1999, from 2000): names follow fashions.
GIVEN_CHARS = {
    ("男", 0): "国建华军明伟强平文志德林海宏忠庆永光荣生春东福成兵斌刚勇峰利新正民全友家学胜贵",
    ("男", 1): "伟涛磊鹏辉超杰亮斌宇浩凯波健俊峰飞鑫勇斌刚毅晨帅龙阳振东",
    ("男", 2): "浩宇轩子梓俊睿博晨阳泽宁凯帆航一然铭嘉皓豪天逸昊煜诚毅晗铠沐辰",
    ("女", 0): "秀英桂兰玉珍凤芳丽梅红霞燕琴云敏静萍华淑素翠慧娟凤月金莲",
    ("女", 1): "丽娜静敏燕艳娟霞芳婷雪颖倩琳蕾莉洁丹璐晶佳慧瑶",
    ("女", 2): "欣怡子涵梓雨诗婷佳琪思萱语雪晴悦可馨一梦菲颖瑶妍琳蕊彤玥璇",
}
# Extension A (U+3400..) and Extension B (U+20000..) characters seen in names.
RARE_NAME_CHARS = ("䶮", "㵘", "㙟", "𠇗", "𣲗", "𤆬", "𨚕", "𪉈")

COMPOUND_HEADS = ("滨湖", "锦绣", "翠竹", "金桥", "银杏", "春江", "和平", "东方", "阳光",
                  "紫荆", "香樟", "书香", "梧桐", "星河", "观澜", "望湖", "清溪", "文华")
COMPOUND_TAILS = ("花园", "家园", "新村", "苑", "小区", "名邸", "雅居", "公寓")

OWNER, FAMILY, TENANT, ACCOMPANYING = "业主", "家属", "租户", "陪读家庭"

# 备注 as clerks write them. The "quoted" ones need RFC 4180 quoting.
COMMON_REMARKS = ("独居老人", "空巢老人", "行动不便", "低保户", "残疾人", "退役军人",
                  "新搬入", "长期在外务工", "户籍在外地", "已登记宠物犬", "网格员",
                  "党员志愿者", "需定期走访", "联系人为女儿", "租期一年", "孩子在附近学校就读")
QUOTED_REMARKS = (
    "老人独居, 子女在外地",
    '门上贴有"光荣之家"牌',
    '联系人: 李阿姨, "电话见登记簿"',
    "需上门服务\n每周二上午",
    "车位 A-12, B-07\n均已登记",
    '反映过"楼上漏水", 已转物业',
    "备用电话 13900000000, 仅工作日",
    "多行说明:\n1. 行动不便\n2. 需轮椅通道",
    '自称"业委会候选人"',
    " 前后带空格, 照原样保存 ",
    '  说明: "临时居住", 三个月  ',
)
ABSENT_OWNER_REMARK = "业主另有住处，此房出租"

# Issue titles per category (gov's default categories); {b} building, {u} unit.
ISSUE_TITLES = {
    "安全隐患": ("{b}栋{u}单元楼道电动车充电", "{b}栋外墙瓷砖松动", "{b}栋消防栓无水",
                 "{b}栋{u}单元安全出口堆放杂物", "{b}栋附近有高空抛物"),
    "环境卫生": ("{b}栋垃圾桶满溢无人清运", "{b}栋{u}单元楼道小广告", "{b}栋旁雨后积水发臭",
                 "{b}栋门前建筑垃圾, 已堆放两周", "草坪上狗粪无人清理"),
    "设施维修": ("{b}栋{u}单元电梯停运", "{b}栋{u}单元声控灯不亮", "{b}栋{u}单元门禁损坏",
                 "{b}栋屋面渗漏", "{b}栋{u}单元水管破裂, 楼下被淹"),
    "噪音": ("{b}栋{u}单元夜间装修", "广场舞音响太响", "{b}栋空调外机噪音", "{b}栋旁商铺深夜营业"),
    "停车管理": ("{b}栋前消防通道被占", "地库车位被长期占用", "{b}栋旁僵尸车", "充电桩不够用"),
    "邻里纠纷": ("{b}栋{u}单元占用公共过道", "{b}栋遛狗不牵绳", "{b}栋{u}单元渗水赔偿争议",
                 "{b}栋顶楼私搭乱建"),
    "绿化": ("{b}栋旁树木遮挡采光", "{b}栋前草坪枯死", "绿化带被开垦种菜", "{b}栋旁枯树有倒伏风险"),
    "其他": ("{b}栋快递柜不够用", "希望增设休息座椅", "{b}栋{u}单元信报箱损坏"),
}
ISSUE_CATEGORY_WEIGHTS = {"安全隐患": 11, "环境卫生": 22, "设施维修": 27, "噪音": 10,
                          "停车管理": 13, "邻里纠纷": 7, "绿化": 6, "其他": 4}
ISSUE_STATUS_WEIGHTS = {"open": 18, "in_progress": 14, "resolved": 43, "closed": 22, "rejected": 3}
ISSUE_PRIORITY_WEIGHTS = {"紧急": 6, "高": 19, "中": 50, "低": 25}
ISSUES_SINCE = datetime.date(2023, 1, 1)

VOTE_CHOICES = ("同意", "反对", "弃权")
# One mood per proposal, in turn: a popular one, a contested one, a failing one.
VOTE_MOODS = ((72, 18, 10), (48, 40, 12), (28, 58, 14), (61, 27, 12))

MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
                   "152", "153", "155", "156", "157", "158", "159", "166", "177", "180", "181",
                   "182", "183", "185", "186", "187", "188", "189", "199")


# ---------------------------------------------------------------------------
# Phones: unique numbers that do not look sequential
# ---------------------------------------------------------------------------

class PhoneBook:
    """Hands out unique phone numbers.

    The n-th number's eight last digits are a keyed Feistel permutation of n
    over 0..99,999,999 (two halves of four digits, four rounds), so numbers
    never repeat for the first hundred million and neighbours look
    unrelated. The keys come from the seed.
    """

    HALF = 10_000

    def __init__(self, rng):
        self.keys = [rng.randrange(1, self.HALF) for _ in range(4)]
        self.issued = 0

    def _permute(self, n):
        left, right = divmod(n, self.HALF)
        for k in self.keys:
            mixed = (right * 7919 + k * 31 + (right * right + k) % 9973) % self.HALF
            left, right = right, (left + mixed) % self.HALF
        return left * self.HALF + right

    def _next_digits(self):
        n = self.issued
        self.issued += 1
        if n >= self.HALF * self.HALF:
            raise SystemExit("gen.py: more than 100,000,000 phones requested")
        return self._permute(n)

    def mobile(self):
        d = self._next_digits()
        return MOBILE_PREFIXES[(d * 13 + d // 1000) % len(MOBILE_PREFIXES)] + "%08d" % d

    def landline(self):
        # Hefei numbers: area code 0551, eight digits starting with 6.
        return "0551-6%07d" % (self._next_digits() % 10_000_000)


# ---------------------------------------------------------------------------
# People and households
# ---------------------------------------------------------------------------

class Person:
    __slots__ = ("name", "sex", "born", "phone", "surname", "rooms_owned")

    def __init__(self, name, sex, born, phone, surname):
        self.name, self.sex, self.born, self.phone, self.surname = name, sex, born, phone, surname
        self.rooms_owned = 1


class Community:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.phones = PhoneBook(self.rng)
        self.buildings = 0
        self.units_of = []          # units per building, index = building - 1
        self.rooms = 0              # occupied rooms
        self.owner_rooms = []       # ("楼栋-单元-房号", owner) of rooms with an owner row, in file order
        self.contacts = []          # (building, mobile) of adults, for issues
        self.date_text = {}         # ordinal -> "YYYY-MM-DD"
        self.rows_written = 0

    # -- small draws -------------------------------------------------------

    def day(self, first, last):
        """A date between two dates (inclusive), as ISO text."""
        return self.date_of(self.rng.randint(first.toordinal(), last.toordinal()))

    def date_of(self, ordinal):
        text = self.date_text.get(ordinal)
        if text is None:
            text = self.date_text[ordinal] = datetime.date.fromordinal(ordinal).isoformat()
        return text

    def surname(self):
        return self.rng.choices(SURNAMES, SURNAME_WEIGHTS)[0]

    def given_name(self, sex, born):
        r = self.rng
        chars = GIVEN_CHARS[(sex, 0 if born < 1975 else 1 if born < 2000 else 2)]
        if r.random() < 0.0015:
            return r.choice(RARE_NAME_CHARS) + (r.choice(chars) if r.random() < 0.6 else "")
        if r.random() < 0.25:
            return r.choice(chars)
        return r.choice(chars) + r.choice(chars)

    def person(self, sex, born_from, born_to, surname=None, phone="mobile", taken=()):
        """A new person whose name is not in `taken` (the names of the room)."""
        born = self.rng.randint(born_from, born_to)
        sn = surname or self.surname()
        name = sn + self.given_name(sex, born)
        while name in taken:
            name = sn + self.given_name(sex, born)
        if phone == "mobile":
            number = self.phones.mobile()
        elif phone == "landline":
            number = self.phones.landline()
        else:
            number = phone  # a given number (a parent's) or ""
        return Person(name, sex, born, number, sn)

    def other_sex(self, sex):
        return "女" if sex == "男" else "男"

    def remark(self, born):
        x = self.rng.random()
        if x < 0.015:
            return self.rng.choice(QUOTED_REMARKS)
        if x < 0.13:
            return self.rng.choice(COMMON_REMARKS)
        if x < 0.16 and born >= THIS_YEAR - 6:
            return "学龄前儿童"
        return ""

    # -- households ----------------------------------------------------------

    def children(self, surname, parent, taken):
        """0-3 children of `parent`; the young ones have no phone or the parent's."""
        r = self.rng
        kids = []
        for _ in range(r.choices((0, 1, 2, 3), (28, 46, 23, 3))[0]):
            lo, hi = max(parent.born + 20, 1965), min(parent.born + 42, THIS_YEAR - 1)
            if lo > hi:
                break
            sex = "男" if r.random() < 0.51 else "女"
            born = r.randint(lo, hi)
            if born > THIS_YEAR - 16:
                phone = parent.phone if r.random() < 0.55 else ""
            else:
                phone = "mobile"
            kid = self.person(sex, born, born, surname, phone, taken)
            taken.add(kid.name)
            kids.append(kid)
        return kids

    def grandparent(self, child_born, taken):
        """A parent of someone born in child_born, or None when too old to be alive."""
        r = self.rng
        born_from, born_to = max(1928, child_born - 40), child_born - 20
        if born_from > born_to:
            return None
        sex = "女" if r.random() < 0.58 else "男"
        x = r.random()
        phone = "mobile" if x < 0.75 else "landline" if x < 0.85 else ""
        g = self.person(sex, born_from, born_to, phone=phone, taken=taken)
        taken.add(g.name)
        return g

    def owner_occupied(self):
        """An owner, usually a spouse, children, sometimes a grandparent."""
        r = self.rng
        sex = "男" if r.random() < 0.62 else "女"
        owner = self.person(sex, 1942, 1997)
        taken = {owner.name}
        people = [(owner, OWNER)]
        father = owner
        if r.random() < 0.78:
            spouse = self.person(self.other_sex(sex), max(1938, owner.born - 6), min(1999, owner.born + 6),
                                 taken=taken)
            taken.add(spouse.name)
            people.append((spouse, FAMILY))
            if sex == "女":
                father = spouse
        for kid in self.children(father.surname, owner, taken):
            people.append((kid, FAMILY))
        if r.random() < 0.1:
            g = self.grandparent(owner.born, taken)
            if g:
                people.append((g, FAMILY))
        return owner, people

    def rented(self, landlord):
        """Tenants; the first row is the absent owner when there is one."""
        r = self.rng
        people = [(landlord, OWNER)] if landlord else []
        taken = {landlord.name} if landlord else set()
        for _ in range(r.choices((1, 2, 3, 4), (34, 38, 18, 10))[0]):
            t = self.person("男" if r.random() < 0.54 else "女", 1968, 2005, taken=taken)
            taken.add(t.name)
            people.append((t, TENANT))
        return people

    def accompanying(self):
        """A parent, sometimes a grandparent too, living near a pupil's school."""
        r = self.rng
        sex = "女" if r.random() < 0.72 else "男"
        parent = self.person(sex, 1974, 1992)
        taken = {parent.name}
        pupil_surname = parent.surname if sex == "男" or r.random() < 0.2 else self.surname()
        pupil_sex = "男" if r.random() < 0.5 else "女"
        born = r.randint(2008, 2018)
        pupil = self.person(pupil_sex, born, born, pupil_surname,
                            parent.phone if r.random() < 0.5 else ("mobile" if born <= 2009 else ""), taken)
        taken.add(pupil.name)
        people = [(parent, ACCOMPANYING), (pupil, ACCOMPANYING)]
        if r.random() < 0.3:
            g = self.grandparent(parent.born, taken)
            if g:
                people.append((g, ACCOMPANYING))
        return people

    # -- the roster ------------------------------------------------------------

    def compound_name(self, index):
        per_round = len(COMPOUND_HEADS) * len(COMPOUND_TAILS)
        k = index % per_round
        name = COMPOUND_HEADS[k % len(COMPOUND_HEADS)] + COMPOUND_TAILS[k // len(COMPOUND_HEADS)]
        rounds = index // per_round
        return name if rounds == 0 else "%s%d期" % (name, rounds + 1)

    def write_roster(self, writer, residents):
        r = self.rng
        left = residents
        compound_index = 0
        while left > 0:
            compound = self.compound_name(compound_index)
            compound_index += 1
            landlords = []  # owners living in this compound who may let another room
            for _ in range(r.randint(6, 36)):
                if left <= 0:
                    break
                left = self.write_building(writer, compound, landlords, left)

    def write_building(self, writer, compound, landlords, left):
        r = self.rng
        self.buildings += 1
        b = self.buildings
        floors = r.choice((6, 6, 7, 11, 18, 18, 26, 32))
        units = r.choice((2, 3, 4, 4)) if floors <= 11 else r.choice((1, 2, 2, 3))
        doors = 2 if floors <= 7 else r.choice((2, 3, 4))
        self.units_of.append(units)
        # Rooms stacked above each other have the same plan, hence one area per door.
        areas = ["%d.%02d" % divmod(r.randint(5200, 16800), 100) for _ in range(doors)]
        leader_from = r.randrange(units * floors * doors)  # first room where a leader may live
        leader_found = False
        position = 0
        for u in range(1, units + 1):
            for f in range(1, floors + 1):
                for d in range(1, doors + 1):
                    position += 1
                    if left <= 0:
                        return 0
                    if r.random() < 0.07:  # empty room
                        continue
                    room = f * 100 + d
                    absent_owner = False
                    kind = r.random()
                    if kind < 0.68:
                        owner, people = self.owner_occupied()
                        if r.random() < 0.06:
                            landlords.append(owner)
                        moved_in = self.day(datetime.date(1996, 1, 1), AS_OF)
                    elif kind < 0.91:
                        landlord = None
                        if landlords and r.random() < 0.35:
                            i = r.randrange(len(landlords))
                            landlord = landlords[i]
                            landlord.rooms_owned += 1
                            if landlord.rooms_owned >= 3 or r.random() < 0.9:
                                landlords[i] = landlords[-1]
                                landlords.pop()
                        people = self.rented(landlord)
                        absent_owner = landlord is not None
                        moved_in = self.day(datetime.date(2018, 1, 1), AS_OF)
                    else:
                        people = self.accompanying()
                        moved_in = self.day(datetime.date(2019, 9, 1), AS_OF)
                    rows = []
                    for k, (p, role) in enumerate(people):
                        if absent_owner and k == 0:
                            remark, leader = ABSENT_OWNER_REMARK, "否"
                        else:
                            remark = self.remark(p.born)
                            leader = "否"
                            if (not leader_found and position > leader_from
                                    and THIS_YEAR - 75 <= p.born <= THIS_YEAR - 30):
                                leader, leader_found = "是", True
                        party = "是" if p.born <= THIS_YEAR - 18 and r.random() < 0.085 else "否"
                        rows.append((p.name, p.sex, p.born, compound, b, u, room, p.phone, role,
                                     areas[d - 1], party, leader, moved_in, remark))
                    rows = rows[:left]
                    writer.writerows(rows)
                    # Adults living here with a mobile may raise issues.
                    for row in rows:
                        if row[13] != ABSENT_OWNER_REMARK and row[7].startswith("1") and row[2] <= THIS_YEAR - 18:
                            self.contacts.append((b, row[7]))
                    left -= len(rows)
                    self.rows_written += len(rows)
                    self.rooms += 1
                    if rows[0][8] == OWNER:  # an owner is always a room's first row
                        self.owner_rooms.append(("%d-%d-%d" % (b, u, room), people[0][0]))
        return left

    # -- issues and ballots ------------------------------------------------------

    def write_issues(self, writer, count):
        r = self.rng
        if count and not self.contacts:
            raise SystemExit("gen.py: the roster is too small to have anyone raise an issue")
        categories = r.choices(list(ISSUE_CATEGORY_WEIGHTS), list(ISSUE_CATEGORY_WEIGHTS.values()), k=count)
        statuses = r.choices(list(ISSUE_STATUS_WEIGHTS), list(ISSUE_STATUS_WEIGHTS.values()), k=count)
        priorities = r.choices(list(ISSUE_PRIORITY_WEIGHTS), list(ISSUE_PRIORITY_WEIGHTS.values()), k=count)
        first, last = ISSUES_SINCE.toordinal(), AS_OF.toordinal()
        batch = []
        for i in range(count):
            building, phone = self.contacts[r.randrange(len(self.contacts))]
            if r.random() < 0.12:  # about a building other than one's own
                building = r.randint(1, self.buildings)
            unit = r.randint(1, self.units_of[building - 1])
            title = r.choice(ISSUE_TITLES[categories[i]]).format(b=building, u=unit)
            created = r.randint(first, last)
            solved = ""
            if statuses[i] in ("resolved", "closed"):
                solved = min(last, created + int(r.expovariate(1 / 9.0)))
                solved = self.date_of(solved)
            batch.append((title, categories[i], building, phone, statuses[i], priorities[i],
                          self.date_of(created), solved))
            if len(batch) == 5000:
                writer.writerows(batch)
                batch.clear()
        writer.writerows(batch)

    def write_ballots(self, writer, proposals, turnout):
        r = self.rng
        written = 0
        for p in range(proposals):
            proposal = "P%d-%03d" % (THIS_YEAR, p + 1)
            voters = list(self.owner_rooms)
            r.shuffle(voters)
            del voters[int(len(voters) * turnout):]
            mood = VOTE_MOODS[p % len(VOTE_MOODS)]
            choices = r.choices(VOTE_CHOICES, mood, k=len(voters))
            # An owner of several rooms nearly always says the same for each.
            said = {}
            rows = []
            for (room, owner), choice in zip(voters, choices):
                if owner.rooms_owned > 1:
                    if owner in said and r.random() < 0.95:
                        choice = said[owner]
                    said.setdefault(owner, choice)
                rows.append((proposal, room, choice))
            writer.writerows(rows)
            written += len(rows)
        return written


# ---------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Writes gov's synthetic community data: roster.csv, issues.csv and ballots.csv.",
        epilog="example: gen.py --residents 1000000 --seed 1 --out /tmp/gov-bench-1m")
    ap.add_argument("--residents", type=int, default=1000, metavar="N", help="roster rows (default 1000)")
    ap.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    ap.add_argument("--out", default=".", metavar="DIR", help="folder to write into, created if missing (default .)")
    ap.add_argument("--issues", type=int, metavar="N", help="issue rows (default residents/5)")
    ap.add_argument("--proposals", type=int, default=3, metavar="N",
                    help="proposals in ballots.csv, one ballot per owner's room each (default 3)")
    ap.add_argument("--turnout", type=float, default=1.0, metavar="F",
                    help="share of owners' rooms that vote on each proposal, 0..1 (default 1)")
    ap.add_argument("--gbk", action="store_true", help="write roster.csv in GB18030 (Excel on a Chinese Windows)")
    ap.add_argument("--bom", action="store_true", help="start the UTF-8 roster.csv with a BOM (Excel's \"CSV UTF-8\")")
    ap.add_argument("--lf", action="store_true", help="end rows with LF instead of CRLF")
    ap.add_argument("-q", "--quiet", action="store_true", help="print no summary")
    a = ap.parse_args(argv)
    if a.residents < 1:
        ap.error("--residents must be at least 1")
    if a.issues is not None and a.issues < 0:
        ap.error("--issues must not be negative")
    if a.proposals < 0:
        ap.error("--proposals must not be negative")
    if not 0.0 <= a.turnout <= 1.0:
        ap.error("--turnout must be between 0 and 1")
    if a.gbk and a.bom:
        ap.error("--bom is for UTF-8; GB18030 files have no BOM")
    issues = a.residents // 5 if a.issues is None else a.issues
    roster_encoding = "gb18030" if a.gbk else "utf-8-sig" if a.bom else "utf-8"
    newline = "\n" if a.lf else "\r\n"
    os.makedirs(a.out, exist_ok=True)

    def csv_file(name, encoding):
        f = open(os.path.join(a.out, name), "w", encoding=encoding, newline="", buffering=1 << 20)
        return f, csv.writer(f, lineterminator=newline)

    community = Community(a.seed)
    f, w = csv_file("roster.csv", roster_encoding)
    with f:
        w.writerow(ROSTER_COLUMNS)
        community.write_roster(w, a.residents)
    f, w = csv_file("issues.csv", "utf-8")
    with f:
        w.writerow(ISSUE_COLUMNS)
        community.write_issues(w, issues)
    f, w = csv_file("ballots.csv", "utf-8")
    with f:
        w.writerow(BALLOT_COLUMNS)
        ballots = community.write_ballots(w, a.proposals, a.turnout)
    if not a.quiet:
        print("%s: %d residents in %d rooms (%d with an owner), %d buildings; %d issues; %d ballots; "
              "roster in %s" % (a.out, community.rows_written, community.rooms, len(community.owner_rooms),
                                community.buildings, issues, ballots, roster_encoding), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
