/*
 * set_rebalance_policy (owner): create or replace the owner's RebalancePolicy
 * (risk/rebalance.h). The members' margin accounts follow as remaining
 * accounts, in member order, so the program sees that each is the owner's.
 * Everything is checked before anything is written.
 */
#include "anchor/event.h"
#include "cpi/system.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "math/fixed.h"
#include "risk/rebalance.h"
#include "sol/log.h"
#include "state/margin_account.h"
#include "validate/accounts.h"
#include "validate/program_accounts.h"

static u64 rebalance_check_args(const ProgramInput *input, const SetRebalancePolicyIxArgs *args,
                                AccountView owner) {
    u64 count = args->member_count;
    if (count == 0 || count > KAIROS_MAX_REBALANCE_MEMBERS || args->asset_mask == 0 ||
        (args->asset_mask >> KAIROS_MAX_COLLATERAL_ASSETS) != 0 ||
        args->max_utilization_bps == 0 || args->max_utilization_bps > BPS_PER_UNIT ||
        input->account_count != KAIROS_SET_REBALANCE_POLICY_ACCOUNTS_LEN + count) {
        return KAIROS_ERR_REBALANCE_POLICY_INVALID;
    }
    for (u64 i = 0; i < KAIROS_MAX_REBALANCE_MEMBERS; i++) {
        const RebalanceMember *member = &args->members[i];
        if (i >= count) {
            if (!pubkey_is_zero(&member->margin_account) || member->target_low_bps != 0 ||
                member->target_high_bps != 0) {
                return KAIROS_ERR_REBALANCE_POLICY_INVALID;
            }
            continue;
        }
        AccountView margin_account = input->accounts[KAIROS_SET_REBALANCE_POLICY_ACCOUNTS_LEN + i];
        if (member->target_low_bps > member->target_high_bps ||
            member->target_high_bps > BPS_PER_UNIT ||
            !pubkey_eq(&member->margin_account, &margin_account->key) ||
            require_margin_account(margin_account, input->program_id) != KAIROS_OK ||
            !pubkey_eq(&margin_account_state(margin_account)->owner, &owner->key)) {
            return KAIROS_ERR_REBALANCE_POLICY_INVALID;
        }
        for (u64 j = 0; j < i; j++) {
            if (pubkey_eq(&args->members[j].margin_account, &member->margin_account)) {
                return KAIROS_ERR_REBALANCE_POLICY_INVALID;
            }
        }
    }
    return KAIROS_OK;
}

u64 process_set_rebalance_policy(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: SetRebalancePolicy");
    SetRebalancePolicyIxAccounts accounts;
    TRY(load_set_rebalance_policy_accounts(input, &accounts));
    AccountView owner = accounts.owner;
    AccountView policy_account = accounts.rebalance_policy;
    AccountView system_program = accounts.system_program;
    const SetRebalancePolicyIxArgs *args = accounts.args;
    TRY(rebalance_check_args(input, args, owner));

    if (policy_account->data_len == 0) {
        /* Created on first use: the PDA ["rebalance_policy", owner]. */
        TRY(derive_set_rebalance_policy_pdas(input, &accounts));
        const PdaSigner *signer = &accounts.rebalance_policy_pda;
        CreatePdaAccount create = {
            .payer = owner,
            .new_account = policy_account,
            .system_program = system_program,
            .space = KAIROS_REBALANCE_POLICY_ACCOUNT_SIZE,
            .owner = input->program_id,
            .pda_signer = &signer->signer,
        };
        TRY(create_pda_account(&create));
        *(u64 *)account_data(policy_account) = KAIROS_ACCOUNT_DISC_REBALANCE_POLICY;
        RebalancePolicy *created = rebalance_policy_state(policy_account);
        pubkey_copy(&created->owner, &owner->key);
        created->bump = signer->bump;
    } else {
        TRY(require_rebalance_policy(policy_account, input->program_id));
        if (!pubkey_eq(&rebalance_policy_state(policy_account)->owner, &owner->key)) {
            return KAIROS_ERR_UNAUTHORIZED;
        }
    }
    RebalancePolicy *policy = rebalance_policy_state(policy_account);
    pubkey_copy(&policy->delegate, &args->delegate);
    policy->asset_mask = args->asset_mask;
    policy->max_utilization_bps = args->max_utilization_bps;
    policy->member_count = args->member_count;
    sol_memcpy_(policy->members, args->members, sizeof(policy->members));

    RebalancePolicySetEventRecord record = REBALANCE_POLICY_SET_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.owner, &owner->key);
    pubkey_copy(&record.event.delegate, &args->delegate);
    record.event.asset_mask = args->asset_mask;
    record.event.max_utilization_bps = args->max_utilization_bps;
    record.event.member_count = args->member_count;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
