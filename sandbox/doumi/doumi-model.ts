// Doumi's wire shapes as the simulator holds them (../shared/specs/job-boards.md, "Application
// (Doumi)" and "JobPosting"), and the conversion of a generated applicant into an Application.
import { z } from 'zod';
import type { GeneratedApplicant } from '../board-kit/applicant-generator';
import { toDoumiTime } from '../board-kit/board-time';

export interface DoumiCandidate {
  name: string;
  mobile: string;
  gender: 'MALE' | 'FEMALE' | 'UNKNOWN';
  birthDate?: string | null;
  city: string;
  district?: string | null;
  education: string;
  isStudent: boolean;
  selfIntroduction: string;
  availability?: { weekday: number; from: string; to: string }[] | null;
  expectedHourlyWage?: number | null;
  idCardNumber?: string | null;
}

export interface DoumiApplication {
  applicationId: string;
  jobId: string;
  outerJobCode?: string | null;
  appliedAt: string;
  updatedAt: string;
  status: 'APPLIED' | 'WITHDRAWN';
  channel: 'APP' | 'MINI_PROGRAM' | 'H5';
  candidate: DoumiCandidate;
  answers?: { question: string; answer: string }[] | null;
}

/** What a test may pass to add an explicit application: anything missing is generated. */
export type DoumiApplicationInput = Partial<Omit<DoumiApplication, 'candidate'>> & { candidate?: Partial<DoumiCandidate> };

export const DoumiStatusBody = z.object({
  status: z.enum(['INTERVIEWING', 'PASSED', 'REJECTED', 'HIRED', 'CLOSED']),
  reason: z.string().optional(),
});

/** JobPosting, as the hub posts it (spec "JobPosting"). */
export const DoumiJobPosting = z.object({
  outerJobCode: z.string().min(1),
  title: z.string().min(1),
  category: z.string().min(1),
  city: z.string().min(1),
  district: z.string().optional(),
  address: z.string().min(1),
  hourlyWage: z.number().positive(),
  headcount: z.number().int().min(1),
  schedule: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  validUntil: z.iso.datetime({ offset: true }),
});
export type DoumiJobPosting = z.infer<typeof DoumiJobPosting>;

export function applicantToDoumi(
  applicant: GeneratedApplicant,
  ids: { applicationId: string; jobId: string },
  nowMs: number,
  channel: DoumiApplication['channel'],
): DoumiApplication {
  const at = toDoumiTime(nowMs);
  return {
    applicationId: ids.applicationId,
    jobId: ids.jobId,
    outerJobCode: applicant.jobCode,
    appliedAt: at,
    updatedAt: at,
    status: 'APPLIED',
    channel,
    candidate: {
      name: applicant.name,
      mobile: applicant.mobile,
      gender: applicant.gender,
      birthDate: applicant.birthDate,
      city: applicant.city,
      district: applicant.district,
      education: applicant.education,
      isStudent: applicant.isStudent,
      selfIntroduction: applicant.selfIntroduction,
      availability: applicant.availability,
      expectedHourlyWage: applicant.expectedHourlyWage,
      idCardNumber: applicant.idCardNumber,
    },
    answers: [{ question: '是否有健康证?', answer: applicant.hasHealthCertificate ? '有' : '没有' }],
  };
}
