// Realistic part-time applicants for both board simulators: Chinese names, mobile numbers (some
// with +86), mostly-Shanghai cities and districts, birth dates (some unknown), students, health
// certificates, availability, free-text wages and self-introductions. Seeded, so reproducible.
// Board-neutral: each simulator turns an applicant into its own wire format.
import { createSeededRandom, type SeededRandom } from './seeded-random';

export type Gender = 'MALE' | 'FEMALE' | 'UNKNOWN';
export type Education = 'HIGH_SCHOOL' | 'VOCATIONAL' | 'ASSOCIATE' | 'BACHELOR' | 'MASTER' | 'OTHER';

export interface AvailabilitySlot { weekday: number; from: string; to: string }

export interface GeneratedApplicant {
  name: string;
  /** 11 digits, sometimes prefixed with +86. */
  mobile: string;
  gender: Gender;
  /** YYYY-MM-DD, or null when the candidate did not say. */
  birthDate: string | null;
  birthYear: number | null;
  /** Short city name, e.g. 上海. */
  city: string;
  district: string | null;
  education: Education;
  isStudent: boolean;
  school: string | null;
  hasHealthCertificate: boolean;
  /** Structured slots (weekday 1 = Monday … 7 = Sunday), null when not given. */
  availability: AvailabilitySlot[] | null;
  /** The same availability as a candidate would type it, e.g. 周末全天. */
  availabilityText: string;
  /** Free text as typed: 25元/小时, 200/天, 面议, 20-25元/时. */
  wageText: string;
  /** The hourly figure a board that asks for a number would hold; null for 面议. */
  expectedHourlyWage: number | null;
  selfIntroduction: string;
  /** Made-up 18-digit resident ID (valid check digit) for a few candidates, else null. */
  idCardNumber: string | null;
  jobCode: string | null;
}

export interface ApplicantGeneratorOptions {
  seed?: string | number;
  /** Job codes to apply to (default: the dev config's codes are passed in by the simulators). */
  jobCodes?: readonly string[];
  /** Share of applicants without a job code (the board lets that happen). Default 0. */
  missingJobCodeRate?: number;
  /** "Now" for ages, unix ms (default: the wall clock at each call). */
  now?: () => number;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡', '余', '杜', '叶',
  '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金', '石', '廖', '贾', '夏', '韦', '方',
  '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '段', '雷', '侯', '龙', '史', '陶', '顾', '毛', '郝', '龚', '邵', '钱', '严', '戴',
  '欧阳', '司马', '上官'];
const GIVEN_MALE = ['伟', '强', '磊', '军', '洋', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '浩', '凯', '宇', '俊', '峰',
  '子豪', '浩然', '宇轩', '嘉豪', '志强', '建华', '晓东', '文博', '一鸣', '天佑'];
const GIVEN_FEMALE = ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '玲', '婷', '雪', '琳', '倩', '颖', '慧', '萍', '洁', '悦', '瑶', '佳',
  '欣怡', '思琪', '雨涵', '梓涵', '诗琪', '晓雯', '佳慧', '婉清', '紫萱', '梦瑶'];
const MOBILE_PREFIXES = ['130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '145', '147', '150', '151', '152', '153',
  '155', '156', '157', '158', '159', '166', '173', '175', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188',
  '189', '191', '193', '195', '198', '199'];
const CITIES: { city: string; weight: number; districts: string[] }[] = [
  { city: '上海', weight: 70, districts: ['浦东新区', '黄浦区', '徐汇区', '长宁区', '静安区', '普陀区', '虹口区', '杨浦区', '闵行区', '宝山区',
    '嘉定区', '松江区', '青浦区', '奉贤区', '金山区', '崇明区'] },
  { city: '苏州', weight: 8, districts: ['姑苏区', '工业园区', '吴中区', '相城区', '虎丘区'] },
  { city: '杭州', weight: 8, districts: ['西湖区', '上城区', '拱墅区', '滨江区', '余杭区'] },
  { city: '南京', weight: 5, districts: ['鼓楼区', '玄武区', '秦淮区', '建邺区'] },
  { city: '昆山', weight: 4, districts: ['玉山镇', '花桥镇', '周市镇'] },
  { city: '北京', weight: 5, districts: ['朝阳区', '海淀区', '东城区', '丰台区'] },
];
const SCHOOLS = ['上海大学', '华东师范大学', '上海理工大学', '东华大学', '上海师范大学', '上海商学院', '上海电机学院', '上海工程技术大学',
  '上海第二工业大学', '上海城建职业学院', '上海工商职业技术学院', '复旦大学', '同济大学', '上海财经大学'];
const AVAILABILITY: { text: string; slots: AvailabilitySlot[] }[] = [
  { text: '周末全天', slots: [{ weekday: 6, from: '09:00', to: '18:00' }, { weekday: 7, from: '09:00', to: '18:00' }] },
  { text: '周六全天', slots: [{ weekday: 6, from: '09:00', to: '18:00' }] },
  { text: '周日下午', slots: [{ weekday: 7, from: '13:00', to: '18:00' }] },
  { text: '工作日晚上', slots: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '18:00', to: '22:00' })) },
  { text: '周一到周五白天', slots: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '09:00', to: '17:00' })) },
  { text: '时间灵活,随时可以', slots: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: '08:00', to: '22:00' })) },
  { text: '周三周五晚上和周末', slots: [{ weekday: 3, from: '18:00', to: '22:00' }, { weekday: 5, from: '18:00', to: '22:00' },
    { weekday: 6, from: '10:00', to: '20:00' }, { weekday: 7, from: '10:00', to: '20:00' }] },
];
const EXPERIENCE = ['做过两年超市促销', '在奶茶店做过一年兼职', '当过半年外卖骑手', '在商场做过导购', '做过电话客服三个月', '在便利店上过夜班',
  '大学时做过校园推广', '在快递站分拣过包裹', '没有相关经验,但学东西很快', '在餐厅做过服务员', '做过展会礼仪和地推'];
const TRAITS = ['性格开朗', '做事认真', '能吃苦', '普通话标准', '会简单英语', '有电动车', '沟通能力强', '住得离门店很近'];

function pad(n: number, width = 2): string { return String(n).padStart(width, '0'); }

/** ISO 7064 MOD 11-2 check character of a mainland resident ID. */
function idCheckChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return '10X98765432'[sum % 11]!;
}

function weighted<T extends { weight: number }>(rng: SeededRandom, items: readonly T[]): T {
  let roll = rng.next() * items.reduce((s, i) => s + i.weight, 0);
  for (const item of items) { roll -= item.weight; if (roll < 0) return item; }
  return items[items.length - 1]!;
}

function wage(rng: SeededRandom): { wageText: string; expectedHourlyWage: number | null } {
  const hourly = rng.int(18, 35);
  switch (rng.pick(['hour', 'hour', 'day', 'range', 'negotiable'] as const)) {
    case 'hour': return { wageText: `${hourly}${rng.pick(['元/小时', '元/时', '/小时'])}`, expectedHourlyWage: hourly };
    case 'day': { const daily = rng.int(16, 26) * 10; return { wageText: `${daily}${rng.pick(['/天', '元/天'])}`, expectedHourlyWage: Math.round(daily / 8) }; }
    case 'range': return { wageText: `${hourly}-${hourly + rng.int(2, 8)}元/时`, expectedHourlyWage: hourly };
    default: return { wageText: '面议', expectedHourlyWage: null };
  }
}

export interface ApplicantGenerator { next(): GeneratedApplicant; take(count: number): GeneratedApplicant[] }

export function createApplicantGenerator(options: ApplicantGeneratorOptions = {}): ApplicantGenerator {
  const rng = createSeededRandom(options.seed ?? Date.now());
  const jobCodes = options.jobCodes ?? [];
  const now = options.now ?? Date.now;

  const next = (): GeneratedApplicant => {
    const genderRoll = rng.next();
    const gender: Gender = genderRoll < 0.48 ? 'MALE' : genderRoll < 0.96 ? 'FEMALE' : 'UNKNOWN';
    const given = gender === 'MALE' ? GIVEN_MALE : gender === 'FEMALE' ? GIVEN_FEMALE : [...GIVEN_MALE, ...GIVEN_FEMALE];
    const name = rng.pick(SURNAMES) + rng.pick(given);
    const digits = rng.pick(MOBILE_PREFIXES) + pad(rng.int(0, 99_999_999), 8);
    const mobile = rng.chance(0.15) ? `+86${digits}` : digits;

    const thisYear = new Date(now()).getUTCFullYear();
    const age = rng.chance(0.75) ? rng.int(18, 30) : rng.int(16, 55);
    const birthYear = thisYear - age;
    const birthMonth = rng.int(1, 12);
    const birthDay = rng.int(1, 28);
    const birthKnown = rng.chance(0.9);
    const place = weighted(rng, CITIES);
    const isStudent = age <= 24 && rng.chance(0.55);
    const education: Education = isStudent
      ? rng.pick(['ASSOCIATE', 'BACHELOR', 'BACHELOR', 'VOCATIONAL', 'MASTER'] as const)
      : rng.pick(['HIGH_SCHOOL', 'HIGH_SCHOOL', 'VOCATIONAL', 'ASSOCIATE', 'BACHELOR', 'OTHER'] as const);
    const availability = rng.pick(AVAILABILITY);
    const availabilityKnown = rng.chance(0.9);
    const { wageText, expectedHourlyWage } = wage(rng);
    const intro = [rng.pick(EXPERIENCE), availability.text.startsWith('时间') ? availability.text : `${availability.text}有空`];
    if (rng.chance(0.6)) intro.push(rng.pick(TRAITS));
    const idPrefix = `310115${birthYear}${pad(birthMonth)}${pad(birthDay)}${pad(rng.int(0, 999), 3)}`;
    const jobCode = jobCodes.length > 0 && !rng.chance(options.missingJobCodeRate ?? 0) ? rng.pick(jobCodes) : null;

    return {
      name,
      mobile,
      gender,
      birthDate: birthKnown ? `${birthYear}-${pad(birthMonth)}-${pad(birthDay)}` : null,
      birthYear: birthKnown ? birthYear : null,
      city: place.city,
      district: rng.chance(0.85) ? rng.pick(place.districts) : null,
      education,
      isStudent,
      school: isStudent ? rng.pick(SCHOOLS) : null,
      hasHealthCertificate: rng.chance(0.6),
      availability: availabilityKnown ? availability.slots.map((s) => ({ ...s })) : null,
      availabilityText: availability.text,
      wageText,
      expectedHourlyWage,
      selfIntroduction: intro.join(','),
      idCardNumber: rng.chance(0.05) ? idPrefix + idCheckChar(idPrefix) : null,
      jobCode,
    };
  };
  return { next, take: (count) => Array.from({ length: count }, next) };
}
