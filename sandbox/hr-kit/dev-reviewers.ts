// The tool identities of the dev tenant's people, the same in every HR-tool simulator so that the
// hub's dev config can map them to reviewers: 张伟 and 李娜 are HR reviewers, 王芳 is a colleague
// who is not a reviewer (for the "unmapped user" path). Ids follow the spec's examples.

export interface DevPerson {
  name: string;
  feishuOpenId: string;
  feishuUserId: string;
  feishuUnionId: string;
  dingtalkUserId: string;
  wecomUserId: string;
  email: string;
}

export const DEV_PEOPLE: readonly DevPerson[] = [
  { name: '张伟', feishuOpenId: 'ou_7d8a6e6df7621556ce0d21922b676706', feishuUserId: 'hr_zhangwei', feishuUnionId: 'on_9a1f3b5c7d9e1a3b5c7d9e1f3a5b7c9d', dingtalkUserId: '0621371839441234', wecomUserId: 'ZhangWei', email: 'zhangwei@demo.example' },
  { name: '李娜', feishuOpenId: 'ou_3c1b9e2f5a7d4c6e8b0a1f3d5c7e9b2a', feishuUserId: 'hr_lina', feishuUnionId: 'on_2b4d6f8a0c2e4a6c8e0b2d4f6a8c0e2b', dingtalkUserId: '0831122334455667', wecomUserId: 'LiNa', email: 'lina@demo.example' },
  { name: '王芳', feishuOpenId: 'ou_9f0e1d2c3b4a59687766554433221100', feishuUserId: 'staff_wangfang', feishuUnionId: 'on_1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d', dingtalkUserId: '0999888777666555', wecomUserId: 'WangFang', email: 'wangfang@demo.example' },
];

/** `${NAME}` from the environment, else the dev default (as config/dev.yaml writes `${NAME:-default}`). */
export const envOr = (name: string, fallback: string, env: NodeJS.ProcessEnv = process.env): string => env[name] || fallback;
