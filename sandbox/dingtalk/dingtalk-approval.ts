// The approval (审批) engine of the simulated DingTalk: approver entries run in order (OR 或签: any
// one decides; AND 会签: all must agree; NONE: one approver), a task per approver, redirect (转交),
// refuse ends the instance, terminate withdraws it. Each step returns the pushes DingTalk makes.
import { createHash } from 'node:crypto';
import type { SimClock } from '../board-kit/sim-clock';
import { randomAlnum, randomDigits } from '../hr-kit/sim-ids';
import type { ApproverEntry, DingTalkInstance, DingTalkState, DingTalkTask, DingTalkTenant } from './dingtalk-state';

/** One push DingTalk sends about an instance, before it is dressed as the current or legacy format. */
export interface ApprovalEvent {
  EventType: 'bpms_task_change' | 'bpms_instance_change';
  type: 'start' | 'finish' | 'cancel' | 'comment' | 'terminate';
  result?: 'agree' | 'refuse' | 'redirect';
  remark?: string;
  /** Task events: the task's approver; instance events: the originator. */
  staffId: string;
  task?: DingTalkTask;
  instance: DingTalkInstance;
  at: number;
}

export type ApprovalAction = 'agree' | 'refuse' | 'redirect' | 'comment';

export class ApprovalError extends Error {}

let nextTaskId = 87_412_566_000 + Math.floor(Math.random() * 1000) * 1000;

export function createApprovalEngine(state: DingTalkState, clock: SimClock) {
  const newTask = (instance: DingTalkInstance, userId: string, node: number): DingTalkTask => {
    const task: DingTalkTask = { taskId: ++nextTaskId, userId, node, status: 'RUNNING', createTime: clock.now() };
    instance.tasks.push(task);
    return task;
  };
  const startNode = (instance: DingTalkInstance, node: number) => {
    instance.currentNode = node;
    for (const userId of instance.approvers[node]!.userIds) newTask(instance, userId, node);
  };
  const fingerprint = (i: Pick<DingTalkInstance, 'processCode' | 'approvers' | 'formComponentValues'>) =>
    createHash('sha256').update(JSON.stringify([i.processCode, i.approvers, i.formComponentValues])).digest('hex');

  return {
    create(tenant: DingTalkTenant, input: {
      originatorUserId: string; processCode: string; deptId: number; approvers: ApproverEntry[]; formComponentValues: { name: string; value: string }[]; warnings: string[];
    }): DingTalkInstance {
      const now = clock.now();
      const field = (name: string) => input.formComponentValues.find((f) => f.name === name)?.value;
      const candidate = field('候选人');
      const job = field('岗位');
      const instance: DingTalkInstance = {
        instanceId: `${randomAlnum(22)}0${randomDigits(9)}`,
        tenantId: tenant.tenantId,
        processCode: input.processCode,
        originatorUserId: input.originatorUserId,
        deptId: input.deptId,
        approvers: input.approvers,
        formComponentValues: input.formComponentValues,
        title: candidate ? `AI面试复核：${candidate}${job ? ` · ${job}` : ''}` : `${state.userName(tenant, input.originatorUserId)}提交的审批`,
        businessId: `${new Date(now + 8 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14)}${randomDigits(6)}`,
        status: 'RUNNING',
        createTime: now,
        currentNode: 0,
        tasks: [],
        operationRecords: [{ userId: input.originatorUserId, date: now, type: 'START_PROCESS_INSTANCE', result: 'NONE' }],
        warnings: [...input.warnings],
      };
      // DingTalk has no idempotency key here: a retried create makes a second approval. Flag it.
      const print = fingerprint(instance);
      const twin = [...state.instances.values()].find((i) => i.tenantId === tenant.tenantId && i.status === 'RUNNING' && fingerprint(i) === print);
      if (twin) instance.warnings.push(`same template, approvers and form as the running instance ${twin.instanceId}: a second approval for one review`);
      startNode(instance, 0);
      state.instances.set(instance.instanceId, instance);
      return instance;
    },

    /** An approver acts on their running task; returns the pushes in the order DingTalk sends them. */
    act(instance: DingTalkInstance, userId: string, action: ApprovalAction, options: { remark?: string; redirectTo?: string } = {}): ApprovalEvent[] {
      if (instance.status !== 'RUNNING') throw new ApprovalError(`instance ${instance.instanceId} is ${instance.status}`);
      const task = instance.tasks.find((t) => t.userId === userId && t.status === 'RUNNING');
      if (!task) throw new ApprovalError(`${userId} has no running task on ${instance.instanceId} (approvers now: ${instance.tasks.filter((t) => t.status === 'RUNNING').map((t) => t.userId).join(', ') || 'none'})`);
      const now = clock.now();
      const events: ApprovalEvent[] = [];
      const taskEvent = (t: DingTalkTask, type: ApprovalEvent['type'], result?: ApprovalEvent['result'], remark?: string) =>
        events.push({ EventType: 'bpms_task_change', type, result, remark, staffId: t.userId, task: t, instance, at: now });
      const instanceEvent = (type: ApprovalEvent['type'], result?: ApprovalEvent['result']) =>
        events.push({ EventType: 'bpms_instance_change', type, result, staffId: instance.originatorUserId, instance, at: now });

      taskEvent(task, 'start');
      if (action === 'comment') {
        instance.operationRecords.push({ userId, date: now, type: 'ADD_REMARK', result: 'NONE', remark: options.remark });
        taskEvent(task, 'comment', undefined, options.remark);
        return events;
      }
      task.status = 'COMPLETED';
      task.result = action;
      task.remark = options.remark;
      task.finishTime = now;
      if (action === 'redirect') {
        if (!options.redirectTo) throw new ApprovalError('redirect needs redirectTo');
        instance.operationRecords.push({ userId, date: now, type: 'REDIRECT_TASK', result: 'REDIRECTED', remark: options.remark });
        taskEvent(task, 'finish', 'redirect', options.remark);
        taskEvent(newTask(instance, options.redirectTo, task.node), 'start');
        return events;
      }
      instance.operationRecords.push({ userId, date: now, type: 'EXECUTE_TASK_NORMAL', result: action === 'agree' ? 'AGREE' : 'REFUSE', remark: options.remark });
      taskEvent(task, 'finish', action, options.remark);
      const entry = instance.approvers[task.node]!;
      const openInNode = instance.tasks.filter((t) => t.node === task.node && t.status === 'RUNNING');
      const cancelOpen = () => {
        for (const t of instance.tasks.filter((x) => x.status === 'RUNNING')) {
          t.status = 'CANCELED';
          t.finishTime = now;
          taskEvent(t, 'cancel');
        }
      };
      const finish = (result: 'agree' | 'refuse') => {
        instance.status = 'COMPLETED';
        instance.result = result;
        instance.finishTime = now;
        instanceEvent('finish', result);
      };
      if (action === 'refuse') {
        cancelOpen();
        finish('refuse');
      } else if (entry.actionType === 'AND' && openInNode.length > 0) {
        // 会签: the node waits for the others.
      } else {
        if (entry.actionType === 'OR') cancelOpen(); // 或签: the others' tasks are cancelled
        if (task.node + 1 < instance.approvers.length) startNode(instance, task.node + 1);
        else finish('agree');
      }
      return events;
    },

    terminate(instance: DingTalkInstance, options: { isSystem: boolean; remark?: string; operatingUserId?: string }): ApprovalEvent[] {
      const now = clock.now();
      instance.status = 'TERMINATED';
      instance.finishTime = now;
      instance.terminated = options;
      instance.operationRecords.push({ userId: options.operatingUserId ?? instance.originatorUserId, date: now, type: 'TERMINATE_PROCESS_INSTANCE', result: 'NONE', remark: options.remark });
      for (const t of instance.tasks.filter((x) => x.status === 'RUNNING')) { t.status = 'CANCELED'; t.finishTime = now; }
      return [{ EventType: 'bpms_instance_change', type: 'terminate', staffId: instance.originatorUserId, instance, at: now }];
    },
  };
}

export type ApprovalEngine = ReturnType<typeof createApprovalEngine>;
