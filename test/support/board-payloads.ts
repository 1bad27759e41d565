// The boards' own example payloads (specs/job-boards.md), for suites that normalise, parse or post
// them; each call returns a fresh copy to change.

/** The spec's example Application (specs/job-boards.md, "Application (Doumi)"). */
export const doumiApplicationExample = () => ({
  applicationId: 'DM20261125000123',
  jobId: 'DMJ88123',
  outerJobCode: 'RX-SH-PROMO-001',
  appliedAt: '2026-11-25T09:30:00+08:00',
  updatedAt: '2026-11-25T09:30:00+08:00',
  status: 'APPLIED',
  channel: 'APP',
  candidate: {
    name: '张三',
    mobile: '13800138000',
    gender: 'MALE',
    birthDate: '2003-04-01',
    city: '上海',
    district: '浦东新区',
    education: 'ASSOCIATE',
    isStudent: true,
    selfIntroduction: '做过两年超市促销,周末有空',
    availability: [{ weekday: 6, from: '09:00', to: '18:00' }],
    expectedHourlyWage: 25,
    idCardNumber: null,
  },
  answers: [{ question: '是否有健康证?', answer: '有' }],
});

/** The spec's example Resume (specs/job-boards.md, "Resume (Jianzhimao)"). */
export const jianzhimaoResumeExample = () => ({
  resume_id: 'JZM7731002',
  job_id: 'J5566',
  out_job_no: 'RX-SH-PROMO-001',
  deliver_time: '2026-11-25 09:31:07',
  real_name: '李四',
  phone: '13900139000',
  sex: 1,
  birth_year: 2004,
  city_name: '上海市',
  school: '上海大学',
  is_student: 1,
  health_cert: 1,
  work_time_prefer: '周末全天',
  intro: '在奶茶店做过一年兼职',
  expect_salary: '25元/小时',
});
