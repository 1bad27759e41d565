// Jianzhimao's wire shapes as the simulator holds them (../shared/specs/job-boards.md, "Resume
// (Jianzhimao)" and the gateway methods' biz_content), and generated applicant → Resume.
import { z } from 'zod';
import type { GeneratedApplicant } from '../board-kit/applicant-generator';
import { parseBeijingText, toBeijingText } from '../board-kit/board-time';

export interface JianzhimaoResume {
  resume_id: string;
  job_id: string;
  out_job_no: string;
  /** Beijing time, `YYYY-MM-DD HH:mm:ss`. */
  deliver_time: string;
  real_name: string;
  phone: string;
  sex: 0 | 1 | 2;
  birth_year: number;
  city_name: string;
  school: string;
  is_student: 0 | 1;
  health_cert: 0 | 1;
  work_time_prefer: string;
  intro: string;
  expect_salary: string;
}

/** What a test may pass to add an explicit resume: anything missing is generated. */
export type JianzhimaoResumeInput = Partial<JianzhimaoResume>;

const BeijingTime = z.string().refine((s) => parseBeijingText(s) !== undefined, 'expected Beijing time YYYY-MM-DD HH:mm:ss');

// Gateway request bodies (spec "Calls from the hub to Jianzhimao").
export const GatewayRequest = z.object({
  app_id: z.string().min(1),
  method: z.string().min(1),
  timestamp: z.string().min(1),
  nonce_str: z.string().min(1),
  sign_type: z.string().min(1),
  biz_content: z.string(),
  sign: z.string().min(1),
});

export const ResumeListBiz = z.object({
  start_time: BeijingTime,
  end_time: BeijingTime,
  page_no: z.number().int().min(1).prefault(1),
  page_size: z.number().int().min(1).max(100).prefault(50),
});
export const ResumeGetBiz = z.object({ resume_id: z.string().min(1) });
export const ResumeFeedbackBiz = z.object({
  resume_id: z.string().min(1),
  status: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
  remark: z.string().optional(),
});
export const JobPublishBiz = z.object({
  out_job_no: z.string().min(1),
  title: z.string().min(1),
  category_code: z.string().min(1),
  city_name: z.string().min(1),
  address: z.string().min(1),
  salary: z.object({ amount: z.number().positive(), unit: z.enum(['HOUR', 'DAY', 'MONTH']) }),
  headcount: z.number().int().min(1),
  work_time_desc: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  valid_until: BeijingTime,
});
export type JobPublishBiz = z.infer<typeof JobPublishBiz>;
export const JobCloseBiz = z.object({ job_id: z.string().min(1) });

export function applicantToResume(applicant: GeneratedApplicant, ids: { resumeId: string; jobId: string }, deliverMs: number): JianzhimaoResume {
  return {
    resume_id: ids.resumeId,
    job_id: ids.jobId,
    out_job_no: applicant.jobCode ?? '',
    deliver_time: toBeijingText(deliverMs),
    real_name: applicant.name,
    phone: applicant.mobile,
    sex: applicant.gender === 'MALE' ? 1 : applicant.gender === 'FEMALE' ? 2 : 0,
    birth_year: applicant.birthYear ?? 0,
    city_name: applicant.city.endsWith('市') ? applicant.city : `${applicant.city}市`,
    school: applicant.school ?? '',
    is_student: applicant.isStudent ? 1 : 0,
    health_cert: applicant.hasHealthCertificate ? 1 : 0,
    work_time_prefer: applicant.availability ? applicant.availabilityText : '',
    intro: applicant.selfIntroduction,
    expect_salary: applicant.wageText,
  };
}
