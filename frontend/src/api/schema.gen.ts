// Generated from openapi.yaml by `npm run api:types`. Do not edit: regenerate.
/* eslint-disable */
export interface paths {
    "/webhooks/facebook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify Webhook
         * @description Facebook's subscription check: echo the challenge when the verify token matches.
         */
        get: operations["verify_webhook_webhooks_facebook_get"];
        put?: never;
        /**
         * Receive Webhook
         * @description A signed delivery: stored durably, then acknowledged; processed later by a job.
         *
         *     403 (nothing stored) on a missing or wrong signature, 400 on a body that is not JSON,
         *     503 when it cannot be stored (Facebook retries), 200 once it is committed.
         */
        post: operations["receive_webhook_webhooks_facebook_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/shopee": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive Push
         * @description 401 (nothing stored) on a missing or wrong `Authorization`, 400 on a body that is not
         *     JSON, 503 when it cannot be stored (Shopee retries / the lost-push store keeps it), else
         *     200 once committed. Shopee's push URL check wants a 2xx within 3 s: we only store and
         *     enqueue.
         */
        post: operations["receive_push_webhooks_shopee_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/zalo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive Event
         * @description 400 on a body that is not a JSON object, 401 (nothing stored) on a missing or wrong
         *     `X-ZEvent-Signature` (it covers the body's own `timestamp`, so the body is read first),
         *     503 when it cannot be stored (Zalo re-sends), else 200 once committed: Zalo wants the answer
         *     within 2 s, so we only store and enqueue.
         */
        post: operations["receive_event_webhooks_zalo_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/tiktok": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive Notification
         * @description 401 (nothing stored) on a missing or wrong `Authorization` (hex HMAC-SHA256 of app_key +
         *     raw body), 400 on a body that is not JSON, 503 when it cannot be stored (TikTok retries),
         *     else 200 once committed; the inbox is updated by a job.
         */
        post: operations["receive_notification_webhooks_tiktok_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/lazada": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive Lazada Push
         * @description 401 (nothing stored) on a missing or wrong `Authorization` (hex HMAC-SHA256 of app_key +
         *     raw body with the app secret), 400 on a body that is not JSON, 503 when it cannot be stored
         *     (Lazada retries 12 times, 30 minutes apart), else 200 once committed.
         */
        post: operations["receive_lazada_push_webhooks_lazada_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{carrier}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive Carrier Webhook
         * @description A carrier's status update: 403 (nothing stored) on a wrong secret, 400 on a body we
         *     cannot read, 503 if it cannot be stored (the carrier retries), 200 once committed.
         */
        post: operations["receive_carrier_webhook_webhooks__carrier__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register */
        post: operations["register_api_v1_auth_register_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Login */
        post: operations["login_api_v1_auth_login_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/switch-workspace": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Switch Workspace */
        post: operations["switch_workspace_api_v1_auth_switch_workspace_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refresh
         * @description New tokens for a refresh token (which is then spent); 401 `session_ended` once the
         *     session ended, with `details.reason` (`logout`, `ended_elsewhere`, `password_changed`,
         *     `password_reset`, `membership_ended`, `ended_by_admin`, `refresh_token_reused`) when known.
         *     A spent refresh token presented again ends its whole session (`refresh_token_reused`).
         */
        post: operations["refresh_api_v1_auth_refresh_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Logout
         * @description End this login session: its access and refresh tokens stop working.
         */
        post: operations["logout_api_v1_auth_logout_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Sessions
         * @description Your login sessions that still work (browsers, devices), most recently used first;
         *     `current` marks the one making this request.
         */
        get: operations["list_sessions_api_v1_auth_sessions_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions/{session_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * End Session
         * @description Log one of your sessions out (its tokens stop working at once); 404 for a session
         *     that is not yours or already ended.
         */
        delete: operations["end_session_api_v1_auth_sessions__session_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout-others": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Logout Others
         * @description Log out everywhere else: every session of yours but this one ends.
         */
        post: operations["logout_others_api_v1_auth_logout_others_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change Password
         * @description Change your password; your other sessions (other browsers, devices) end.
         */
        post: operations["change_password_api_v1_auth_password_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Request Password Reset
         * @description Send a single-use reset link to the address (logged when SMTP_URL is unset). Answers
         *     the same whether or not the account exists.
         */
        post: operations["request_password_reset_api_v1_auth_password_reset_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset Password
         * @description Set a new password with a reset link's token; every session of the account ends.
         */
        post: operations["reset_password_api_v1_auth_password_reset_confirm_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Me */
        get: operations["me_api_v1_me_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Members */
        get: operations["list_members_api_v1_members_get"];
        put?: never;
        /**
         * Add Member
         * @description Invite staff: answers the single-use link to pass on (`url`), also e-mailed to the
         *     invitee when SMTP_URL is set (`emailed`); nobody joins until the invitee opens it and sets
         *     a password or logs in with the invited e-mail.
         */
        post: operations["add_member_api_v1_members_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Leave Workspace
         * @description Leave the current workspace (the last owner cannot).
         */
        delete: operations["leave_workspace_api_v1_members_me_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Invitations */
        get: operations["list_invitations_api_v1_invitations_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/invitations/{invitation_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke Invitation */
        delete: operations["revoke_invitation_api_v1_invitations__invitation_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/invitation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview Invitation
         * @description What an invitation link is for (the workspace, e-mail and role), before joining.
         */
        post: operations["preview_invitation_api_v1_auth_invitation_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/join": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Join
         * @description Accept an invitation: with a bearer token the logged-in account (of the invited e-mail)
         *     joins; without one, `password` creates the invitee's account. Logs in to the workspace.
         */
        post: operations["join_api_v1_auth_join_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/members/{member_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove Member */
        delete: operations["remove_member_api_v1_members__member_id__delete"];
        options?: never;
        head?: never;
        /** Update Member */
        patch: operations["update_member_api_v1_members__member_id__patch"];
        trace?: never;
    };
    "/api/v1/members/{member_id}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * End Member Sessions
         * @description Log a member out of this workspace on every device (they can log in again; remove or
         *     deactivate them to keep them out, which ends their sessions too). Admins: agents only.
         */
        delete: operations["end_member_sessions_api_v1_members__member_id__sessions_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Api Keys */
        get: operations["list_api_keys_api_v1_api_keys_get"];
        put?: never;
        /** Create Api Key */
        post: operations["create_api_key_api_v1_api_keys_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{api_key_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke Api Key */
        delete: operations["revoke_api_key_api_v1_api_keys__api_key_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/addresses/provinces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Provinces */
        get: operations["list_provinces_api_v1_addresses_provinces_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/addresses/provinces/{code}/wards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Wards */
        get: operations["list_wards_api_v1_addresses_provinces__code__wards_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/addresses/parse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Parse Address */
        post: operations["parse_address_api_v1_addresses_parse_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Channels */
        get: operations["list_channels_api_v1_channels_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Providers
         * @description The kinds of channel this server can connect, their capabilities and connect modes.
         */
        get: operations["list_providers_api_v1_channels_providers_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/{provider}/authorize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Authorize
         * @description The provider's consent page, with a single-use `state` bound to this workspace and user.
         */
        post: operations["authorize_api_v1_channels__provider__authorize_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/{provider}/selections/{selection_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Selection
         * @description What a login offered (Facebook: pages and their Instagram accounts), with the missing
         *     permissions of each, for the owner to tick (30 minutes after the login).
         */
        get: operations["get_selection_api_v1_channels__provider__selections__selection_id__get"];
        put?: never;
        /**
         * Connect Selection
         * @description Connect (or reconnect) the ticked accounts; their backfill starts.
         */
        post: operations["connect_selection_api_v1_channels__provider__selections__selection_id__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/{channel_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Channel */
        get: operations["get_channel_api_v1_channels__channel_id__get"];
        put?: never;
        post?: never;
        /**
         * Delete Channel
         * @description Disconnect: no new messages arrive; history stays and a reconnect picks up again.
         */
        delete: operations["delete_channel_api_v1_channels__channel_id__delete"];
        options?: never;
        head?: never;
        /** Patch Channel */
        patch: operations["patch_channel_api_v1_channels__channel_id__patch"];
        trace?: never;
    };
    "/api/v1/channels/{channel_id}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sync Channel
         * @description Re-read conversations, posts and comments from the provider (resumes an interrupted run).
         */
        post: operations["sync_channel_api_v1_channels__channel_id__sync_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/facebook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Connect Facebook Page
         * @description Connect (or reconnect) a page: reads it, subscribes our app, starts the backfill.
         *
         *     Give the page token (`access_token`), or a user token that manages the page
         *     (`user_access_token`, as listed by `POST /channels/facebook/pages`).
         */
        post: operations["connect_facebook_page_api_v1_channels_facebook_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/facebook/pages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * List Facebook Pages
         * @description The pages a Facebook user token manages (`/me/accounts`), to pick one to connect.
         */
        post: operations["list_facebook_pages_api_v1_channels_facebook_pages_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Conversations */
        get: operations["list_conversations_api_v1_conversations_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Conversation Counts */
        get: operations["conversation_counts_api_v1_conversations_counts_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Bulk Action */
        post: operations["bulk_action_api_v1_conversations_bulk_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversation_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Conversation */
        get: operations["get_conversation_api_v1_conversations__conversation_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update Conversation */
        patch: operations["update_conversation_api_v1_conversations__conversation_id__patch"];
        trace?: never;
    };
    "/api/v1/conversations/{conversation_id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark Read */
        post: operations["mark_read_api_v1_conversations__conversation_id__read_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversation_id}/unread": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark Unread */
        post: operations["mark_unread_api_v1_conversations__conversation_id__unread_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversation_id}/block": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Block Customer */
        post: operations["block_customer_api_v1_conversations__conversation_id__block_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversation_id}/unblock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Unblock Customer */
        post: operations["unblock_customer_api_v1_conversations__conversation_id__unblock_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversation_id}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sync Conversation */
        post: operations["sync_conversation_api_v1_conversations__conversation_id__sync_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversation_id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Messages
         * @description Items oldest → newest. `order=latest` (default): the newest page first, `next_cursor`
         *     loads older messages (chat scroll); `order=oldest`: from the first message forward.
         */
        get: operations["list_messages_api_v1_conversations__conversation_id__messages_get"];
        put?: never;
        /** Send Message */
        post: operations["send_message_api_v1_conversations__conversation_id__messages_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages/{message_id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry Message
         * @description Queue a failed outgoing message again (`pending`).
         */
        post: operations["retry_message_api_v1_messages__message_id__retry_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/messages/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search Messages
         * @description Search the whole message history (newest first), optionally within one conversation.
         *     The conversation list's `q` covers the customer and each conversation's recent messages.
         */
        get: operations["search_messages_api_v1_messages_search_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversation_id}/quick-replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send Quick Reply
         * @description Send every message of a quick-reply group, variables filled for this customer.
         */
        post: operations["send_quick_reply_api_v1_conversations__conversation_id__quick_replies_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversation_id}/tags/{tag_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Attach Tag */
        post: operations["attach_tag_api_v1_conversations__conversation_id__tags__tag_id__post"];
        /** Detach Tag */
        delete: operations["detach_tag_api_v1_conversations__conversation_id__tags__tag_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversation_id}/customer-tags/{tag_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Tag Customer
         * @description Tag the customer (shown on all their conversations); `pinned` shows it first.
         */
        post: operations["tag_customer_api_v1_conversations__conversation_id__customer_tags__tag_id__post"];
        /** Untag Customer */
        delete: operations["untag_customer_api_v1_conversations__conversation_id__customer_tags__tag_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversation_id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Notes */
        get: operations["list_notes_api_v1_conversations__conversation_id__notes_get"];
        put?: never;
        /** Add Note */
        post: operations["add_note_api_v1_conversations__conversation_id__notes_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notes/{note_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete Note */
        delete: operations["delete_note_api_v1_notes__note_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/comments/{message_id}/{action}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Comment Action */
        post: operations["comment_action_api_v1_comments__message_id___action__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/comments/{message_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete Comment */
        delete: operations["delete_comment_api_v1_comments__message_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Tags
         * @description Every tag of the workspace (a workspace has at most a few hundred): no cursor.
         */
        get: operations["list_tags_api_v1_tags_get"];
        put?: never;
        /** Create Tag */
        post: operations["create_tag_api_v1_tags_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags/{tag_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Tag */
        get: operations["get_tag_api_v1_tags__tag_id__get"];
        put?: never;
        post?: never;
        /** Delete Tag */
        delete: operations["delete_tag_api_v1_tags__tag_id__delete"];
        options?: never;
        head?: never;
        /**
         * Update Tag
         * @description Partial: only the fields sent change (rename, recolour, folder, show/hide, position).
         */
        patch: operations["update_tag_api_v1_tags__tag_id__patch"];
        trace?: never;
    };
    "/api/v1/auto-assignment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Auto Assignment */
        get: operations["get_auto_assignment_api_v1_auto_assignment_get"];
        /**
         * Set Auto Assignment
         * @description Owner/admin: `off`, `round_robin` or `first_reply`, who takes part, on which channels.
         */
        put: operations["set_auto_assignment_api_v1_auto_assignment_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/quick-replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Quick Replies */
        get: operations["list_quick_replies_api_v1_quick_replies_get"];
        put?: never;
        /** Create Quick Reply */
        post: operations["create_quick_reply_api_v1_quick_replies_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/quick-replies/suggest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Suggest Quick Replies
         * @description Enabled groups whose shortcut starts with `q` or whose words match it (no diacritics).
         *
         *     With `conversation_id`, the messages come back with variables filled (`rendered_text`)
         *     and only the groups of that conversation's channel.
         */
        get: operations["suggest_quick_replies_api_v1_quick_replies_suggest_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/quick-replies/{group_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Quick Reply */
        get: operations["get_quick_reply_api_v1_quick_replies__group_id__get"];
        put?: never;
        post?: never;
        /** Delete Quick Reply */
        delete: operations["delete_quick_reply_api_v1_quick_replies__group_id__delete"];
        options?: never;
        head?: never;
        /** Update Quick Reply */
        patch: operations["update_quick_reply_api_v1_quick_replies__group_id__patch"];
        trace?: never;
    };
    "/api/v1/media": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Media
         * @description The media library, newest first ("images sent before").
         */
        get: operations["list_media_api_v1_media_get"];
        put?: never;
        /**
         * Upload Media
         * @description Upload to the media library; the same file again answers 200 with the existing entry.
         */
        post: operations["upload_media_api_v1_media_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/{media_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Media */
        get: operations["get_media_api_v1_media__media_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/media/{media_id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Media File
         * @description The file's bytes, from this host's disk or the shared object storage.
         */
        get: operations["get_media_file_api_v1_media__media_id__file_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/posts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Posts
         * @description The pages' posts and live videos, newest first (for the "by post" filter).
         */
        get: operations["list_posts_api_v1_posts_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/posts/{post_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Post
         * @description A post with its text, picture and link, shown above its comment threads.
         */
        get: operations["get_post_api_v1_posts__post_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Contacts */
        get: operations["list_contacts_api_v1_contacts_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contacts/{contact_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Contact */
        get: operations["get_contact_api_v1_contacts__contact_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update Contact */
        patch: operations["update_contact_api_v1_contacts__contact_id__patch"];
        trace?: never;
    };
    "/api/v1/contacts/{contact_id}/phones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add Phone */
        post: operations["add_phone_api_v1_contacts__contact_id__phones_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contacts/{contact_id}/phones/{phone}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove Phone */
        delete: operations["remove_phone_api_v1_contacts__contact_id__phones__phone__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contacts/{contact_id}/addresses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add Address */
        post: operations["add_address_api_v1_contacts__contact_id__addresses_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contacts/{contact_id}/addresses/{address_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete Address */
        delete: operations["delete_address_api_v1_contacts__contact_id__addresses__address_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contacts/{contact_id}/tags/{tag_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Tag Contact */
        put: operations["tag_contact_api_v1_contacts__contact_id__tags__tag_id__put"];
        post?: never;
        /** Untag Contact */
        delete: operations["untag_contact_api_v1_contacts__contact_id__tags__tag_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contacts/{contact_id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add Note */
        post: operations["add_note_api_v1_contacts__contact_id__notes_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contacts/{contact_id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Merge Contacts
         * @description Merge `other_id` into this customer (same person on two pages / shops).
         */
        post: operations["merge_contacts_api_v1_contacts__contact_id__merge_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contacts/{contact_id}/same-customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Same Customers
         * @description Customers sharing a phone with this one (on other channels or pages): suggested merges,
         *     one `POST /contacts/{id}/merge` each.
         */
        get: operations["same_customers_api_v1_contacts__contact_id__same_customers_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contacts/{contact_id}/same-customers/{other_id}/dismiss": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Dismiss Same Customer
         * @description "Không phải cùng người" (owner/admin, like merging): `other_id` is no longer suggested
         *     with this customer, nor merged with it automatically. Answers the remaining suggestions.
         */
        post: operations["dismiss_same_customer_api_v1_contacts__contact_id__same_customers__other_id__dismiss_post"];
        /**
         * Undismiss Same Customer
         * @description Undo a dismissal: the pair is suggested again.
         */
        delete: operations["undismiss_same_customer_api_v1_contacts__contact_id__same_customers__other_id__dismiss_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customer-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Customer Settings */
        get: operations["get_customer_settings_api_v1_customer_settings_get"];
        /**
         * Set Customer Settings
         * @description The owner's choice: merge customers sharing a phone automatically, or only suggest.
         */
        put: operations["set_customer_settings_api_v1_customer_settings_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contacts/{contact_id}/blacklist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Blacklist Contact
         * @description Put every phone number of this customer on the blacklist.
         */
        post: operations["blacklist_contact_api_v1_contacts__contact_id__blacklist_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/phone-blacklist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Blacklist */
        get: operations["list_blacklist_api_v1_phone_blacklist_get"];
        put?: never;
        /** Add To Blacklist */
        post: operations["add_to_blacklist_api_v1_phone_blacklist_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/phone-blacklist/{entry_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove From Blacklist */
        delete: operations["remove_from_blacklist_api_v1_phone_blacklist__entry_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Orders */
        get: operations["list_orders_api_v1_orders_get"];
        put?: never;
        /** Create Order */
        post: operations["create_order_api_v1_orders_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/bulk-transition": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bulk Transition
         * @description Move many orders at once (close the day's orders, cancel a batch); each on its own.
         */
        post: operations["bulk_transition_api_v1_orders_bulk_transition_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export Orders
         * @description The order list (same filters) as an Excel file, newest first.
         */
        get: operations["export_orders_api_v1_orders_export_xlsx_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/print": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Print Orders
         * @description Several orders in one printable document, one per page, in the order given.
         */
        get: operations["print_orders_api_v1_orders_print_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{order_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Order */
        get: operations["get_order_api_v1_orders__order_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update Order */
        patch: operations["update_order_api_v1_orders__order_id__patch"];
        trace?: never;
    };
    "/api/v1/orders/{order_id}/transition": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Transition Order */
        post: operations["transition_order_api_v1_orders__order_id__transition_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{order_id}/receipt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resend Receipt
         * @description Send the receipt message again (409 `receipt_not_sent` with the reason if it cannot go).
         */
        post: operations["resend_receipt_api_v1_orders__order_id__receipt_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{order_id}/print": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Print Order */
        get: operations["print_order_api_v1_orders__order_id__print_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/conversations/{conversation_id}/order-draft": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Order Draft For Conversation
         * @description What the order form in this conversation starts with: name, phones, last address,
         *     the customer's open order and recent orders, risk badge, estimated shipping fee.
         */
        get: operations["order_draft_for_conversation_api_v1_conversations__conversation_id__order_draft_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/warehouses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Warehouses */
        get: operations["list_warehouses_api_v1_warehouses_get"];
        put?: never;
        /** Create Warehouse */
        post: operations["create_warehouse_api_v1_warehouses_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/warehouses/{warehouse_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete Warehouse */
        delete: operations["delete_warehouse_api_v1_warehouses__warehouse_id__delete"];
        options?: never;
        head?: never;
        /** Update Warehouse */
        patch: operations["update_warehouse_api_v1_warehouses__warehouse_id__patch"];
        trace?: never;
    };
    "/api/v1/shipping-rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Shipping Rates */
        get: operations["list_shipping_rates_api_v1_shipping_rates_get"];
        /**
         * Replace Shipping Rates
         * @description Replace the workspace's rate table (province '*' = anywhere else).
         */
        put: operations["replace_shipping_rates_api_v1_shipping_rates_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipping/estimate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Estimate Shipping
         * @description Quotes for a parcel, cheapest first (province from `province` or read from `address`).
         */
        post: operations["estimate_shipping_api_v1_shipping_estimate_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/order-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Order Settings */
        get: operations["get_order_settings_api_v1_order_settings_get"];
        /**
         * Update Order Settings
         * @description Receipt on/off and its template ({code}, {customer_name}, {items}, {total}...).
         */
        put: operations["update_order_settings_api_v1_order_settings_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Products */
        get: operations["list_products_api_v1_products_get"];
        put?: never;
        /** Create Product */
        post: operations["create_product_api_v1_products_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export Products Csv */
        get: operations["export_products_csv_api_v1_products_export_csv_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/export.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export Products Xlsx */
        get: operations["export_products_xlsx_api_v1_products_export_xlsx_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import Products */
        post: operations["import_products_api_v1_products_import_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/{product_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Product */
        get: operations["get_product_api_v1_products__product_id__get"];
        put?: never;
        post?: never;
        /** Delete Product */
        delete: operations["delete_product_api_v1_products__product_id__delete"];
        options?: never;
        head?: never;
        /** Update Product */
        patch: operations["update_product_api_v1_products__product_id__patch"];
        trace?: never;
    };
    "/api/v1/livestreams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Livestreams
         * @description The workspace's livestreams, newest first.
         */
        get: operations["list_livestreams_api_v1_livestreams_get"];
        put?: never;
        /**
         * Create Livestream
         * @description Attach to a live video now (`live_video_id` / `post_id`) or prepare one in advance.
         */
        post: operations["create_livestream_api_v1_livestreams_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/livestreams/live-videos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Live Videos
         * @description The pages' live videos (synced by the channels), with the livestream attached if any.
         */
        get: operations["list_live_videos_api_v1_livestreams_live_videos_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/livestreams/{livestream_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Livestream */
        get: operations["get_livestream_api_v1_livestreams__livestream_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update Livestream */
        patch: operations["update_livestream_api_v1_livestreams__livestream_id__patch"];
        trace?: never;
    };
    "/api/v1/livestreams/{livestream_id}/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Config */
        get: operations["get_config_api_v1_livestreams__livestream_id__config_get"];
        /**
         * Put Config
         * @description Replace the products on sale (keyword, product, variant, price, limit) and options.
         */
        put: operations["put_config_api_v1_livestreams__livestream_id__config_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/livestreams/{livestream_id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start Taking Orders */
        post: operations["start_taking_orders_api_v1_livestreams__livestream_id__start_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/livestreams/{livestream_id}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop Taking Orders */
        post: operations["stop_taking_orders_api_v1_livestreams__livestream_id__stop_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/livestreams/{livestream_id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End Livestream
         * @description Mark the livestream ended (it stops taking orders).
         */
        post: operations["end_livestream_api_v1_livestreams__livestream_id__end_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/livestreams/{livestream_id}/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Board Orders
         * @description The order board: this livestream's orders (filter by status), with customer history.
         */
        get: operations["board_orders_api_v1_livestreams__livestream_id__orders_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/livestreams/{livestream_id}/totals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Board Totals */
        get: operations["board_totals_api_v1_livestreams__livestream_id__totals_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/livestreams/{livestream_id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Comment Feed
         * @description Every comment of the livestream with what the parser understood and what it became;
         *     `outcome=needs_action` ("cần xử lý"): the comments staff should look at.
         */
        get: operations["comment_feed_api_v1_livestreams__livestream_id__comments_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/livestreams/{livestream_id}/comments/{comment_id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve Comment
         * @description Complete a flagged comment from the board (a phone, the products, a size / colour):
         *     the comment is read again with these choices and creates or completes its order.
         */
        post: operations["resolve_comment_api_v1_livestreams__livestream_id__comments__comment_id__resolve_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/livestreams/{livestream_id}/orders/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bulk Orders
         * @description Confirm / close / complete / cancel (with a reason) several orders of the board.
         */
        post: operations["bulk_orders_api_v1_livestreams__livestream_id__orders_bulk_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/livestreams/{livestream_id}/orders/print": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Print Orders
         * @description The chosen orders of the board in one printable document.
         */
        post: operations["print_orders_api_v1_livestreams__livestream_id__orders_print_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/livestreams/{livestream_id}/attach": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Attach Live Video
         * @description Attach a prepared livestream to one of the page's live videos by hand (`post_id`: ours
         *     or the page's Facebook post id).
         */
        post: operations["attach_live_video_api_v1_livestreams__livestream_id__attach_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/presence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Presence
         * @description Who is online in the workspace and who is viewing which conversation.
         */
        get: operations["get_presence_api_v1_presence_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/working-hours": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Working Hours */
        get: operations["get_working_hours_api_v1_working_hours_get"];
        /** Set Working Hours */
        put: operations["set_working_hours_api_v1_working_hours_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Conversations Report */
        get: operations["conversations_report_api_v1_reports_conversations_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Orders Report */
        get: operations["orders_report_api_v1_reports_orders_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/livestreams/{livestream_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Livestream Report */
        get: operations["livestream_report_api_v1_reports_livestreams__livestream_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/carriers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Carriers */
        get: operations["list_carriers_api_v1_carriers_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/carriers/{carrier}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Carrier */
        get: operations["get_carrier_api_v1_carriers__carrier__get"];
        /** Put Carrier */
        put: operations["put_carrier_api_v1_carriers__carrier__put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{order_id}/shipping-quotes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Shipping Quotes */
        post: operations["shipping_quotes_api_v1_orders__order_id__shipping_quotes_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{order_id}/shipments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Shipments */
        get: operations["list_shipments_api_v1_orders__order_id__shipments_get"];
        put?: never;
        /** Create Shipment */
        post: operations["create_shipment_api_v1_orders__order_id__shipments_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/{shipment_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Shipment */
        get: operations["get_shipment_api_v1_shipments__shipment_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/{shipment_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel Shipment */
        post: operations["cancel_shipment_api_v1_shipments__shipment_id__cancel_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/{shipment_id}/label": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Shipment Label */
        get: operations["shipment_label_api_v1_shipments__shipment_id__label_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/labels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Shipment Labels
         * @description Several labels in one printable PDF, whatever their carriers (merged).
         */
        post: operations["shipment_labels_api_v1_shipments_labels_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/shipments/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Bulk Shipments
         * @description Book many closed orders (or a livestream's) with one carrier, in the background.
         */
        post: operations["bulk_shipments_api_v1_shipments_bulk_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Webhooks */
        get: operations["list_webhooks_api_v1_webhooks_get"];
        put?: never;
        /** Create Webhook */
        post: operations["create_webhook_api_v1_webhooks_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{webhook_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Webhook */
        get: operations["get_webhook_api_v1_webhooks__webhook_id__get"];
        put?: never;
        post?: never;
        /** Delete Webhook */
        delete: operations["delete_webhook_api_v1_webhooks__webhook_id__delete"];
        options?: never;
        head?: never;
        /** Update Webhook */
        patch: operations["update_webhook_api_v1_webhooks__webhook_id__patch"];
        trace?: never;
    };
    "/api/v1/webhooks/{webhook_id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Deliveries */
        get: operations["list_deliveries_api_v1_webhooks__webhook_id__deliveries_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Redeliver */
        post: operations["redeliver_api_v1_webhooks__webhook_id__deliveries__delivery_id__redeliver_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{webhook_id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Test Webhook */
        post: operations["test_webhook_api_v1_webhooks__webhook_id__test_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auto-messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Rules */
        get: operations["list_rules_api_v1_auto_messages_get"];
        put?: never;
        /** Create Rule */
        post: operations["create_rule_api_v1_auto_messages_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auto-messages/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Preview */
        post: operations["preview_api_v1_auto_messages_preview_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auto-messages/log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Send Log */
        get: operations["send_log_api_v1_auto_messages_log_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auto-messages/{rule_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Rule */
        get: operations["get_rule_api_v1_auto_messages__rule_id__get"];
        put?: never;
        post?: never;
        /** Delete Rule */
        delete: operations["delete_rule_api_v1_auto_messages__rule_id__delete"];
        options?: never;
        head?: never;
        /** Update Rule */
        patch: operations["update_rule_api_v1_auto_messages__rule_id__patch"];
        trace?: never;
    };
    "/channels/{provider}/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Oauth Callback
         * @description Exchange the code, connect or reconnect the channel(s), back to the SPA's settings.
         *
         *     A bad, reused or expired `state` changes nothing (the SPA shows why).
         */
        get: operations["oauth_callback_channels__provider__callback_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Healthz */
        get: operations["healthz_healthz_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * AccountChoice
         * @description An account a login offered (a page, or the Instagram account linked to `linked_to`).
         */
        AccountChoice: {
            /** External Id */
            external_id: string;
            /** Provider */
            provider: string;
            /** Name */
            name: string;
            /** Picture Url */
            picture_url?: string | null;
            /** Linked To */
            linked_to?: string | null;
            /** Missing Permissions */
            missing_permissions?: string[];
            /** Connected Channel Id */
            connected_channel_id?: number | null;
        };
        /** AccountChoiceList */
        AccountChoiceList: {
            /** Items */
            items: components["schemas"]["AccountChoice"][];
        };
        /** AddressIn */
        AddressIn: {
            /** Text */
            text: string;
            /** Province */
            province?: string | null;
            /** District */
            district?: string | null;
            /** Ward */
            ward?: string | null;
            /** @description Official codes (pickers); without them the text is read. */
            structured_address?: components["schemas"]["StructuredAddressIn"] | null;
        };
        /** AddressOut */
        AddressOut: {
            /** Id */
            id: number;
            /** Text */
            text: string;
            /** Province */
            province: string | null;
            /** District */
            district: string | null;
            /** Ward */
            ward: string | null;
            structured_address?: components["schemas"]["StoredAddressOut"] | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** ApiKeyCreated */
        ApiKeyCreated: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Prefix */
            prefix: string;
            /** Role */
            role: string;
            /** Scopes */
            scopes: string[];
            /** Created By Id */
            created_by_id: number | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Last Used At */
            last_used_at: string | null;
            /**
             * Key
             * @description Shown once; store it now.
             */
            key: string;
        };
        /** ApiKeyIn */
        ApiKeyIn: {
            /** Name */
            name: string;
            /**
             * Scopes
             * @description read (GET in inbox, orders, reports), inbox, orders, admin (all but creating keys and members). The key also never exceeds its creator's role and stops working when they leave the workspace.
             */
            scopes?: ("read" | "inbox" | "orders" | "admin")[];
        };
        /** ApiKeyOut */
        ApiKeyOut: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Prefix */
            prefix: string;
            /** Role */
            role: string;
            /** Scopes */
            scopes: string[];
            /** Created By Id */
            created_by_id: number | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Last Used At */
            last_used_at: string | null;
        };
        /** AuthOut */
        AuthOut: {
            /** Access Token */
            access_token: string;
            /**
             * Token Type
             * @default bearer
             * @constant
             */
            token_type?: "bearer";
            /**
             * Expires In
             * @description Seconds the access token is valid (ACCESS_TOKEN_TTL).
             */
            expires_in: number;
            /**
             * Refresh Token
             * @description Trade it at POST /auth/refresh for new tokens before the access token expires; single use (each answer carries the next one).
             */
            refresh_token: string;
            user: components["schemas"]["UserOut"];
            workspace: components["schemas"]["WorkspaceOut"];
            /**
             * Role
             * @enum {string}
             */
            role: "owner" | "admin" | "agent";
        };
        /**
         * AuthorizeOut
         * @description Send the browser to `url`; the provider returns it to our callback with `state`.
         */
        AuthorizeOut: {
            /** Url */
            url: string;
            /** State */
            state: string;
        };
        /**
         * AutoAssignmentIn
         * @description Automatic assignment: `mode`, the staff who take part (empty: every active agent) and
         *     the channels it applies to (empty: all).
         */
        AutoAssignmentIn: {
            /**
             * Mode
             * @enum {string}
             */
            mode: "off" | "round_robin" | "first_reply";
            /** Member Ids */
            member_ids?: number[];
            /** Channel Ids */
            channel_ids?: number[];
        };
        /** AutoAssignmentOut */
        AutoAssignmentOut: {
            /**
             * Mode
             * @enum {string}
             */
            mode: "off" | "round_robin" | "first_reply";
            /** Member Ids */
            member_ids: number[];
            /** Channel Ids */
            channel_ids: number[];
        };
        /** AutoMessageIn */
        AutoMessageIn: {
            /** Channel Ids */
            channel_ids?: number[] | null;
            /** Text */
            text: string;
            /** Attachment Ids */
            attachment_ids?: number[] | null;
            /**
             * Enabled
             * @default true
             */
            enabled?: boolean;
            /** Order Status */
            order_status?: ("confirmed" | "closed" | "shipped" | "completed" | "cancelled") | null;
            /** Silence Hours */
            silence_hours?: number | null;
            /**
             * Kind
             * @enum {string}
             */
            kind: "greeting" | "away" | "order_status";
        };
        /** AutoMessageOut */
        AutoMessageOut: {
            /** Id */
            id: number;
            /**
             * Kind
             * @enum {string}
             */
            kind: "greeting" | "away" | "order_status";
            /** Channel Ids */
            channel_ids: number[];
            /** Text */
            text: string;
            /** Attachment Ids */
            attachment_ids: number[];
            /** Enabled */
            enabled: boolean;
            /** Order Status */
            order_status: ("confirmed" | "closed" | "shipped" | "completed" | "cancelled") | null;
            /** Silence Hours */
            silence_hours: number | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /** AutoMessagePatch */
        AutoMessagePatch: {
            /** Channel Ids */
            channel_ids?: number[] | null;
            /** Text */
            text?: string | null;
            /** Attachment Ids */
            attachment_ids?: number[] | null;
            /** Enabled */
            enabled?: boolean | null;
            /** Order Status */
            order_status?: ("confirmed" | "closed" | "shipped" | "completed" | "cancelled") | null;
            /** Silence Hours */
            silence_hours?: number | null;
        };
        /** AutoMessageSendOut */
        AutoMessageSendOut: {
            /** Id */
            id: number;
            /** Rule Id */
            rule_id: number | null;
            /**
             * Kind
             * @enum {string}
             */
            kind: "greeting" | "away" | "order_status";
            /**
             * Status
             * @enum {string}
             */
            status: "queued" | "skipped";
            /** Reason */
            reason: string | null;
            /** Conversation Id */
            conversation_id: number | null;
            /** Contact Id */
            contact_id: number | null;
            /** Order Id */
            order_id: number | null;
            /** Message Id */
            message_id: number | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** BlacklistIn */
        BlacklistIn: {
            /** Phone */
            phone: string;
            /** Reason */
            reason?: string | null;
        };
        /** BlacklistOut */
        BlacklistOut: {
            /** Id */
            id: number;
            /** Phone */
            phone: string;
            /** Reason */
            reason: string | null;
            /** Created By Id */
            created_by_id: number | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** BoardOrderOut */
        BoardOrderOut: {
            order: components["schemas"]["OrderOut"];
            history: components["schemas"]["CustomerHistory"] | null;
        };
        /** Body_import_products_api_v1_products_import_post */
        Body_import_products_api_v1_products_import_post: {
            /**
             * File
             * @description CSV (UTF-8) or XLSX, header row first
             */
            file: string;
        };
        /** Body_upload_media_api_v1_media_post */
        Body_upload_media_api_v1_media_post: {
            /**
             * File
             * @description image, video, audio or document
             */
            file: string;
        };
        /** BulkFailure */
        BulkFailure: {
            /** Id */
            id: number;
            /** Code */
            code: string;
            /** Message */
            message: string;
        };
        /** BulkResult */
        BulkResult: {
            /** Id */
            id: number;
            /** Ok */
            ok: boolean;
            /** Code */
            code?: string | null;
            /** Message */
            message?: string | null;
        };
        /** BulkShipmentsIn */
        BulkShipmentsIn: {
            /**
             * Carrier
             * @enum {string}
             */
            carrier: "ghn" | "ghtk" | "viettelpost";
            /** Service Id */
            service_id?: string | null;
            /** Order Ids */
            order_ids?: number[];
            /**
             * Livestream Id
             * @description Every closed order of this livestream without a shipment
             */
            livestream_id?: number | null;
        };
        /** BulkShipmentsOut */
        BulkShipmentsOut: {
            /** Queued */
            queued: number[];
        };
        /** BulkSkipped */
        BulkSkipped: {
            /** Id */
            id: number;
            /** Reason */
            reason: string;
        };
        /** BulkTransitionIn */
        BulkTransitionIn: {
            /** Ids */
            ids: number[];
            /**
             * To
             * @enum {string}
             */
            to: "draft" | "confirmed" | "closed" | "completed" | "cancelled";
            /** Reason */
            reason?: string | null;
        };
        /** BulkTransitionOut */
        BulkTransitionOut: {
            /** Results */
            results: components["schemas"]["BulkResult"][];
            /** Succeeded */
            succeeded: number;
            /** Failed */
            failed: number;
        };
        /** CarrierAccountIn */
        CarrierAccountIn: {
            /**
             * Enabled
             * @default false
             */
            enabled?: boolean;
            /** @description Write-only; omitted keeps the stored ones. */
            credentials?: components["schemas"]["CarrierCredentials"] | null;
            pickup?: components["schemas"]["PickupIn"];
        };
        /** CarrierAccountList */
        CarrierAccountList: {
            /** Items */
            items: components["schemas"]["CarrierAccountOut"][];
        };
        /** CarrierAccountOut */
        CarrierAccountOut: {
            /**
             * Carrier
             * @enum {string}
             */
            carrier: "ghn" | "ghtk" | "viettelpost";
            /** Enabled */
            enabled: boolean;
            /** Credentials Set */
            credentials_set: boolean;
            pickup: components["schemas"]["PickupOut"];
            /** Webhook Url */
            webhook_url: string;
            /** Webhook Secret */
            webhook_secret: string;
        };
        /** CarrierCredentials */
        CarrierCredentials: {
            /**
             * Token
             * @description GHN/GHTK token, VTP JWT
             */
            token: string;
            /**
             * Shop Id
             * @description GHN ShopId / GHTK X-Client-Source
             * @default
             */
            shop_id?: string;
        };
        /** ChannelCardIn */
        ChannelCardIn: {
            /**
             * Kind
             * @enum {string}
             */
            kind: "product" | "order";
            /** External Id */
            external_id: string;
            /** Name */
            name?: string | null;
        };
        /** ChannelList */
        ChannelList: {
            /** Items */
            items: components["schemas"]["ChannelOut"][];
        };
        /** ChannelOut */
        ChannelOut: {
            /** Id */
            id: number;
            /** Provider */
            provider: string;
            /** External Id */
            external_id: string;
            /** Name */
            name: string;
            /** Picture Url */
            picture_url?: string | null;
            /**
             * Status
             * @enum {string}
             */
            status: "connected" | "disconnected";
            /** Status Reason */
            status_reason?: string | null;
            /** Status Reason Code */
            status_reason_code?: string | null;
            settings: components["schemas"]["ChannelSettings"];
            sync: components["schemas"]["ChannelSync"];
            /** Connected At */
            connected_at?: string | null;
            /** Last Synced At */
            last_synced_at?: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Access Expires At */
            access_expires_at?: string | null;
            /** Capabilities */
            capabilities?: string[];
        };
        /** ChannelPatch */
        ChannelPatch: {
            /** Name */
            name?: string | null;
            settings?: components["schemas"]["ChannelSettingsPatch"] | null;
        };
        /** ChannelRef */
        ChannelRef: {
            /** Id */
            id: number;
            /** Provider */
            provider: string;
            /** Name */
            name: string;
        };
        /**
         * ChannelSettings
         * @description Per-channel switches (stored in `channels.settings`).
         */
        ChannelSettings: {
            /**
             * Label Sync
             * @default false
             */
            label_sync?: boolean;
            /**
             * Backfill Days
             * @default 30
             */
            backfill_days?: number;
            /**
             * Backfill Messages Per Conversation
             * @default 25
             */
            backfill_messages_per_conversation?: number;
            /**
             * Auto Draft Orders
             * @default false
             */
            auto_draft_orders?: boolean;
            /**
             * Auto Livestream
             * @default false
             */
            auto_livestream?: boolean;
        };
        /** ChannelSettingsPatch */
        ChannelSettingsPatch: {
            /** Label Sync */
            label_sync?: boolean | null;
            /** Backfill Days */
            backfill_days?: number | null;
            /** Backfill Messages Per Conversation */
            backfill_messages_per_conversation?: number | null;
            /** Auto Draft Orders */
            auto_draft_orders?: boolean | null;
            /** Auto Livestream */
            auto_livestream?: boolean | null;
        };
        /**
         * ChannelSync
         * @description Where the backfill stands: `running` with the phase, `done`, or `failed` with an error.
         */
        ChannelSync: {
            /**
             * Status
             * @default idle
             * @enum {string}
             */
            status?: "idle" | "running" | "done" | "failed";
            /** Phase */
            phase?: string | null;
            /**
             * Conversations
             * @default 0
             */
            conversations?: number;
            /**
             * Messages
             * @default 0
             */
            messages?: number;
            /**
             * Posts
             * @default 0
             */
            posts?: number;
            /**
             * Comments
             * @default 0
             */
            comments?: number;
            /** Started At */
            started_at?: string | null;
            /** Finished At */
            finished_at?: string | null;
            /** Error */
            error?: string | null;
        };
        /** CommentActionOut */
        CommentActionOut: {
            /** Message Id */
            message_id: number;
            /** Action */
            action: string;
            /**
             * Status
             * @default queued
             * @constant
             */
            status?: "queued";
        };
        /**
         * CommentResolveIn
         * @description Staff completes a comment on the board: the phone it lacks, the products it meant or
         *     the size / colour it did not name. The comment is then read again with these choices.
         */
        CommentResolveIn: {
            /** Phone */
            phone?: string | null;
            /** Items */
            items?: components["schemas"]["ResolveItemIn"][];
        };
        /** ConfigIn */
        ConfigIn: {
            /** Items */
            items?: components["schemas"]["ConfigItemIn"][];
            /** Confirm By Message */
            confirm_by_message?: boolean | null;
            /** Hide Phone Comments */
            hide_phone_comments?: boolean | null;
            /**
             * Phone Only Single Product
             * @default false
             */
            phone_only_single_product?: boolean;
            /**
             * Repeat Adds Quantity
             * @default false
             */
            repeat_adds_quantity?: boolean;
            /** Bot Template */
            bot_template?: string | null;
        };
        /** ConfigItemIn */
        ConfigItemIn: {
            /** Keyword */
            keyword: string;
            /** Product Id */
            product_id: number;
            /** Variant Sku */
            variant_sku?: string | null;
            /** Price */
            price?: number | null;
            /** Quantity Limit */
            quantity_limit?: number | null;
            /** Stock Limit */
            stock_limit?: number | null;
        };
        /** ConfigItemOut */
        ConfigItemOut: {
            /** Id */
            id: number;
            /** Keyword */
            keyword: string;
            /** Product Id */
            product_id: number;
            /** Product Name */
            product_name: string;
            /** Product Sku */
            product_sku: string;
            /** Variant Id */
            variant_id: number | null;
            /** Variant Sku */
            variant_sku: string | null;
            /** Variant Name */
            variant_name: string | null;
            /** Variants */
            variants: {
                [key: string]: unknown;
            }[];
            /** Price */
            price: number | null;
            /** Effective Price */
            effective_price: number;
            /** Quantity Limit */
            quantity_limit: number | null;
            /** Stock Limit */
            stock_limit?: number | null;
            /**
             * Sold
             * @default 0
             */
            sold?: number;
        };
        /** ConfigOut */
        ConfigOut: {
            /** Items */
            items: components["schemas"]["ConfigItemOut"][];
            /** Confirm By Message */
            confirm_by_message: boolean;
            /** Hide Phone Comments */
            hide_phone_comments: boolean;
            /** Phone Only Single Product */
            phone_only_single_product: boolean;
            /** Repeat Adds Quantity */
            repeat_adds_quantity: boolean;
            /** Bot Template */
            bot_template: string;
            /** Bot Template Is Default */
            bot_template_is_default: boolean;
            /** Placeholders */
            placeholders: string[];
        };
        /** ContactBlacklistIn */
        ContactBlacklistIn: {
            /** Reason */
            reason?: string | null;
        };
        /** ContactDetailOut */
        ContactDetailOut: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Picture Url */
            picture_url: string | null;
            /** Primary Phone */
            primary_phone: string | null;
            /** Phones */
            phones: string[];
            /** Blocked */
            blocked: boolean;
            /** Orders Count */
            orders_count: number;
            /** Completed Orders Count */
            completed_orders_count: number;
            /** Cancelled Orders Count */
            cancelled_orders_count: number;
            /** Total Spent */
            total_spent: number;
            /** Risk */
            risk: string;
            /** Risk Label */
            risk_label: string;
            /** Blacklisted */
            blacklisted: boolean;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Phone Details */
            phone_details: components["schemas"]["PhoneOut"][];
            /** Addresses */
            addresses: components["schemas"]["AddressOut"][];
            /** Identities */
            identities: components["schemas"]["IdentityOut"][];
            /** Tags */
            tags: components["schemas"]["ContactTagOut"][];
            /** Notes */
            notes: components["schemas"]["chotdon__customers__schemas__NoteOut"][];
            /** Orders */
            orders: unknown[];
            /** Conversation Ids */
            conversation_ids: number[];
        };
        /** ContactOut */
        ContactOut: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Picture Url */
            picture_url: string | null;
            /** Primary Phone */
            primary_phone: string | null;
            /** Phones */
            phones: string[];
            /** Blocked */
            blocked: boolean;
            /** Orders Count */
            orders_count: number;
            /** Completed Orders Count */
            completed_orders_count: number;
            /** Cancelled Orders Count */
            cancelled_orders_count: number;
            /** Total Spent */
            total_spent: number;
            /** Risk */
            risk: string;
            /** Risk Label */
            risk_label: string;
            /** Blacklisted */
            blacklisted: boolean;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /** ContactPatch */
        ContactPatch: {
            /** Name */
            name?: string | null;
            /** Primary Phone */
            primary_phone?: string | null;
            /** Blocked */
            blocked?: boolean | null;
        };
        /** ContactRef */
        ContactRef: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Phones */
            phones?: string[];
            /** Picture Url */
            picture_url?: string | null;
            /**
             * Blocked
             * @default false
             */
            blocked?: boolean;
            /** Tags */
            tags?: components["schemas"]["ContactTagRef"][];
        };
        /** ContactTagIn */
        ContactTagIn: {
            /**
             * Pinned
             * @default false
             */
            pinned?: boolean;
        };
        /** ContactTagOut */
        ContactTagOut: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Color */
            color: string;
            /** Pinned */
            pinned: boolean;
        };
        /** ContactTagRef */
        ContactTagRef: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Color */
            color: string;
            /** Folder */
            folder?: string | null;
            /**
             * Visible
             * @default true
             */
            visible?: boolean;
            /**
             * Pinned
             * @default false
             */
            pinned?: boolean;
        };
        /** ConversationFigures */
        ConversationFigures: {
            /**
             * New Conversations
             * @default 0
             */
            new_conversations?: number;
            /**
             * Reopened Conversations
             * @default 0
             */
            reopened_conversations?: number;
            /**
             * Messages In
             * @default 0
             */
            messages_in?: number;
            /**
             * Messages Out
             * @default 0
             */
            messages_out?: number;
            /**
             * Messages Bot
             * @default 0
             */
            messages_bot?: number;
            /**
             * Replied
             * @default 0
             */
            replied?: number;
            /** @default {} */
            first_response_seconds?: components["schemas"]["Durations"];
            /** @default {} */
            first_response_seconds_working_hours?: components["schemas"]["Durations"];
            /** @default {} */
            response_seconds?: components["schemas"]["Durations"];
            /** @default {} */
            response_seconds_working_hours?: components["schemas"]["Durations"];
        };
        /** ConversationOut */
        ConversationOut: {
            /** Id */
            id: number;
            /** Channel Id */
            channel_id: number;
            /**
             * Kind
             * @enum {string}
             */
            kind: "message" | "comment";
            /** Post Id */
            post_id: number | null;
            contact: components["schemas"]["ContactRef"];
            /**
             * Status
             * @enum {string}
             */
            status: "open" | "done";
            /** Assignee Id */
            assignee_id: number | null;
            /** Unread */
            unread: boolean;
            /** Replied */
            replied: boolean;
            /** Has Phone */
            has_phone: boolean;
            /** Has Order */
            has_order: boolean;
            /** Tags */
            tags: components["schemas"]["TagRef"][];
            last_message: components["schemas"]["LastMessage"] | null;
            /**
             * Last Message At
             * Format: date-time
             */
            last_message_at: string;
            /** Last Incoming At */
            last_incoming_at?: string | null;
            /** Last Read At */
            last_read_at?: string | null;
            reply_window?: components["schemas"]["ReplyWindowOut"] | null;
            /** Version */
            version: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Updated At */
            updated_at?: string | null;
        };
        /**
         * ConversationPatch
         * @description Only the fields sent change. `version`: refuse (409) if someone changed it meanwhile.
         */
        ConversationPatch: {
            /** Status */
            status?: ("open" | "done") | null;
            /** Assignee Id */
            assignee_id?: number | null;
            /** Version */
            version?: number | null;
        };
        /** ConversationReport */
        ConversationReport: {
            /**
             * Group By
             * @enum {string}
             */
            group_by: "day" | "hour" | "agent" | "channel";
            /**
             * From Date
             * Format: date
             */
            from_date: string;
            /**
             * To Date
             * Format: date
             */
            to_date: string;
            /** Timezone */
            timezone: string;
            /** Rows */
            rows: components["schemas"]["ConversationRow"][];
            totals: components["schemas"]["ConversationFigures"];
        };
        /** ConversationRow */
        ConversationRow: {
            /**
             * New Conversations
             * @default 0
             */
            new_conversations?: number;
            /**
             * Reopened Conversations
             * @default 0
             */
            reopened_conversations?: number;
            /**
             * Messages In
             * @default 0
             */
            messages_in?: number;
            /**
             * Messages Out
             * @default 0
             */
            messages_out?: number;
            /**
             * Messages Bot
             * @default 0
             */
            messages_bot?: number;
            /**
             * Replied
             * @default 0
             */
            replied?: number;
            /** @default {} */
            first_response_seconds?: components["schemas"]["Durations"];
            /** @default {} */
            first_response_seconds_working_hours?: components["schemas"]["Durations"];
            /** @default {} */
            response_seconds?: components["schemas"]["Durations"];
            /** @default {} */
            response_seconds_working_hours?: components["schemas"]["Durations"];
            /** Key */
            key: string;
            /** Label */
            label: string;
        };
        /** ConversationViewers */
        ConversationViewers: {
            /** Conversation Id */
            conversation_id: number;
            /**
             * User Ids
             * @description Users who have this conversation open now
             */
            user_ids: number[];
        };
        /**
         * Counts
         * @description Badge numbers of the quick filters, within the other filters given.
         */
        Counts: {
            /** All */
            all: number;
            /** Unread */
            unread: number;
            /** Unreplied */
            unreplied: number;
            /** Mine */
            mine: number;
            /** Unassigned */
            unassigned: number;
            /** Has Phone */
            has_phone: number;
            /** Comments */
            comments: number;
            /** Messages */
            messages: number;
            /** Open */
            open: number;
            /** Done */
            done: number;
        };
        /** CustomerHistory */
        CustomerHistory: {
            /** Contact Id */
            contact_id: number;
            /** Orders Count */
            orders_count: number;
            /** Completed Orders Count */
            completed_orders_count: number;
            /** Cancelled Orders Count */
            cancelled_orders_count: number;
            /** Total Spent */
            total_spent: number;
            /** Earlier Orders */
            earlier_orders: {
                [key: string]: unknown;
            }[];
        };
        /** CustomerSettingsIn */
        CustomerSettingsIn: {
            /**
             * Auto Merge By Phone
             * @description Merge customers sharing a phone number automatically (else suggested)
             */
            auto_merge_by_phone: boolean;
        };
        /** CustomerSettingsOut */
        CustomerSettingsOut: {
            /** Auto Merge By Phone */
            auto_merge_by_phone: boolean;
        };
        /** DeliveryOut */
        DeliveryOut: {
            /** Id */
            id: number;
            /** Webhook Id */
            webhook_id: number;
            /** Event Id */
            event_id: string;
            /** Event Type */
            event_type: string;
            /**
             * Status
             * @enum {string}
             */
            status: "pending" | "delivered" | "failed";
            /** Attempts */
            attempts: number;
            /** Redelivery */
            redelivery: boolean;
            /** Next Attempt At */
            next_attempt_at: string | null;
            /** Last Attempt At */
            last_attempt_at: string | null;
            /** Response Status */
            response_status: number | null;
            /** Response Body */
            response_body: string | null;
            /** Duration Ms */
            duration_ms: number | null;
            /** Error */
            error: string | null;
            request: components["schemas"]["DeliveryRequest"];
            /** Delivered At */
            delivered_at: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** DeliveryRequest */
        DeliveryRequest: {
            /** Headers */
            headers: {
                [key: string]: unknown;
            };
            /** Body */
            body: {
                [key: string]: unknown;
            };
        };
        /**
         * Durations
         * @description Seconds: the mean and the median / 90th percentile; null when nothing was answered.
         */
        Durations: {
            /** Avg */
            avg?: number | null;
            /** P50 */
            p50?: number | null;
            /** P90 */
            p90?: number | null;
        };
        /**
         * FacebookConnect
         * @description Connect a page with its page token, or with a user token that manages the page.
         */
        FacebookConnect: {
            /** Page Id */
            page_id: string;
            /** Access Token */
            access_token?: string | null;
            /** User Access Token */
            user_access_token?: string | null;
        };
        /** FacebookPageChoice */
        FacebookPageChoice: {
            /** Page Id */
            page_id: string;
            /** Name */
            name: string;
            /** Picture Url */
            picture_url?: string | null;
            /** Category */
            category?: string | null;
            /** Connected Channel Id */
            connected_channel_id?: number | null;
        };
        /** FacebookPageList */
        FacebookPageList: {
            /** Items */
            items: components["schemas"]["FacebookPageChoice"][];
        };
        /** FacebookPagesRequest */
        FacebookPagesRequest: {
            /** User Access Token */
            user_access_token: string;
        };
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /** IdentityOut */
        IdentityOut: {
            /** Id */
            id: number;
            /** Channel Id */
            channel_id: number;
            /** External Id */
            external_id: string;
            /** Name */
            name: string | null;
            /** Picture Url */
            picture_url: string | null;
        };
        /** ImportResult */
        ImportResult: {
            /** Created */
            created: number;
            /** Updated */
            updated: number;
            /** Variants */
            variants: number;
            /** Errors */
            errors: {
                [key: string]: unknown;
            }[];
        };
        /** InvitationCreated */
        InvitationCreated: {
            /** Id */
            id: number;
            /** Email */
            email: string;
            /** Name */
            name: string;
            /**
             * Role
             * @enum {string}
             */
            role: "owner" | "admin" | "agent";
            /**
             * Expires At
             * Format: date-time
             */
            expires_at: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Token
             * @description Shown once: the invitee needs it to join.
             */
            token: string;
            /**
             * Url
             * @description The link to pass on to the invitee: <PUBLIC_URL>/join#<token>.
             */
            url: string;
            /**
             * Emailed
             * @description The link is also e-mailed to the invitee (SMTP_URL is set), after the answer.
             * @default false
             */
            emailed?: boolean;
        };
        /** InvitationOut */
        InvitationOut: {
            /** Id */
            id: number;
            /** Email */
            email: string;
            /** Name */
            name: string;
            /**
             * Role
             * @enum {string}
             */
            role: "owner" | "admin" | "agent";
            /**
             * Expires At
             * Format: date-time
             */
            expires_at: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /**
         * InvitationPreview
         * @description What the invitee sees before joining (no account names, nothing else of the shop).
         */
        InvitationPreview: {
            workspace: components["schemas"]["WorkspaceOut"];
            /** Email */
            email: string;
            /** Name */
            name: string;
            /**
             * Role
             * @enum {string}
             */
            role: "owner" | "admin" | "agent";
            /**
             * Expires At
             * Format: date-time
             */
            expires_at: string;
        };
        /** InvitationTokenIn */
        InvitationTokenIn: {
            /** Token */
            token: string;
        };
        /**
         * JoinIn
         * @description Accept an invitation: logged in (Bearer) as the invited e-mail, or with a new password.
         */
        JoinIn: {
            /** Token */
            token: string;
            /** Password */
            password?: string | null;
            /** Name */
            name?: string | null;
        };
        /** LabelsIn */
        LabelsIn: {
            /** Shipment Ids */
            shipment_ids?: number[];
            /**
             * Livestream Id
             * @description Every live shipment of this livestream's orders (only `carrier`'s if set)
             */
            livestream_id?: number | null;
            /** Carrier */
            carrier?: ("ghn" | "ghtk" | "viettelpost") | null;
        };
        /** LastMessage */
        LastMessage: {
            /** Id */
            id: number | null;
            /** Text */
            text: string | null;
            /** Direction */
            direction: ("in" | "out") | null;
            /** Sender Type */
            sender_type: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /**
         * ListingIn
         * @description The product's listing on a channel with listings (a Shopee shop's `item_id`).
         */
        ListingIn: {
            /** Channel Id */
            channel_id: number;
            /** External Id */
            external_id: string;
        };
        /** ListingOut */
        ListingOut: {
            /** Channel Id */
            channel_id: number;
            /** External Id */
            external_id: string;
        };
        /** LiveCommentOut */
        LiveCommentOut: {
            /** Id */
            id: number;
            /** Message Id */
            message_id: number;
            /** Contact Id */
            contact_id: number | null;
            /** Customer Name */
            customer_name: string | null;
            /** Order Id */
            order_id: number | null;
            /** Order Code */
            order_code: string | null;
            /** Text */
            text: string | null;
            /** Outcome */
            outcome: string;
            /** Parsed */
            parsed: {
                [key: string]: unknown;
            };
            /** Is Deleted */
            is_deleted: boolean;
            /** Is Hidden */
            is_hidden: boolean;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /**
         * LiveVideoOut
         * @description A live video of a page, as synced by the channel (a post of kind live_video).
         */
        LiveVideoOut: {
            /** Post Id */
            post_id: number;
            /** Channel Id */
            channel_id: number;
            /** Live Video Id */
            live_video_id: string | null;
            /** Title */
            title: string | null;
            /**
             * Status
             * @enum {string}
             */
            status: "live" | "ended";
            /** Live Status */
            live_status: string | null;
            /** Permalink Url */
            permalink_url: string | null;
            /** Picture Url */
            picture_url: string | null;
            /** Started At */
            started_at: string | null;
            /** Livestream Id */
            livestream_id: number | null;
        };
        /** LivestreamDetailOut */
        LivestreamDetailOut: {
            /** Id */
            id: number;
            /** Channel Id */
            channel_id: number;
            /** Post Id */
            post_id: number | null;
            /** Live Video Id */
            live_video_id: string | null;
            /** Title */
            title: string;
            /**
             * Status
             * @enum {string}
             */
            status: "scheduled" | "live" | "ended";
            /** Accepting Orders */
            accepting_orders: boolean;
            /** Not Taking Orders */
            not_taking_orders?: ("ended" | "stopped" | "no_products") | null;
            /** Confirm By Message */
            confirm_by_message: boolean;
            /** Hide Phone Comments */
            hide_phone_comments: boolean;
            /** Phone Only Single Product */
            phone_only_single_product: boolean;
            /** Repeat Adds Quantity */
            repeat_adds_quantity: boolean;
            /** Items Count */
            items_count: number;
            /** Permalink Url */
            permalink_url: string | null;
            /** Started At */
            started_at: string | null;
            /** Ended At */
            ended_at: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            config: components["schemas"]["ConfigOut"];
        };
        /** LivestreamIn */
        LivestreamIn: {
            /** Channel Id */
            channel_id: number;
            /** Live Video Id */
            live_video_id?: string | null;
            /** Post Id */
            post_id?: number | string | null;
            /** Title */
            title: string;
        };
        /** LivestreamOut */
        LivestreamOut: {
            /** Id */
            id: number;
            /** Channel Id */
            channel_id: number;
            /** Post Id */
            post_id: number | null;
            /** Live Video Id */
            live_video_id: string | null;
            /** Title */
            title: string;
            /**
             * Status
             * @enum {string}
             */
            status: "scheduled" | "live" | "ended";
            /** Accepting Orders */
            accepting_orders: boolean;
            /** Not Taking Orders */
            not_taking_orders?: ("ended" | "stopped" | "no_products") | null;
            /** Confirm By Message */
            confirm_by_message: boolean;
            /** Hide Phone Comments */
            hide_phone_comments: boolean;
            /** Phone Only Single Product */
            phone_only_single_product: boolean;
            /** Repeat Adds Quantity */
            repeat_adds_quantity: boolean;
            /** Items Count */
            items_count: number;
            /** Permalink Url */
            permalink_url: string | null;
            /** Started At */
            started_at: string | null;
            /** Ended At */
            ended_at: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /** LivestreamPatch */
        LivestreamPatch: {
            /** Title */
            title?: string | null;
            /** Accepting Orders */
            accepting_orders?: boolean | null;
        };
        /** LivestreamReport */
        LivestreamReport: {
            /** Livestream Id */
            livestream_id: number;
            /** Title */
            title: string;
            /** Started At */
            started_at: string | null;
            /** Ended At */
            ended_at: string | null;
            /** Comments */
            comments: number;
            /** Commenters */
            commenters: number;
            /** Order Comments */
            order_comments: number;
            /** Orders */
            orders: number;
            /** Orders By Status */
            orders_by_status: {
                [key: string]: number;
            };
            /** Units */
            units: number;
            /** Revenue */
            revenue: number;
            /** Products */
            products: components["schemas"]["ProductFigures"][];
            /** Comments Per Minute */
            comments_per_minute: components["schemas"]["MinuteCount"][];
            /** Peak Comments Per Minute */
            peak_comments_per_minute: number;
        };
        /** LoginIn */
        LoginIn: {
            /**
             * Email
             * Format: email
             */
            email: string;
            /** Password */
            password: string;
        };
        /** MeOut */
        MeOut: {
            user: components["schemas"]["UserOut"] | null;
            workspace: components["schemas"]["WorkspaceOut"];
            /**
             * Role
             * @enum {string}
             */
            role: "owner" | "admin" | "agent";
            /** Workspaces */
            workspaces: components["schemas"]["WorkspaceWithRole"][];
        };
        /** MediaOut */
        MediaOut: {
            /** Id */
            id: number;
            /** Filename */
            filename: string;
            /** Content Type */
            content_type: string;
            /** Kind */
            kind: string;
            /** Size */
            size: number;
            /** Sha256 */
            sha256: string;
            /**
             * Url
             * @default
             */
            url?: string;
            /** Last Used At */
            last_used_at?: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /**
         * MemberIn
         * @description Invite a person: they accept the link and set their own password (or log in).
         */
        MemberIn: {
            /**
             * Email
             * Format: email
             */
            email: string;
            /** Name */
            name: string;
            /**
             * Role
             * @default agent
             * @enum {string}
             */
            role?: "owner" | "admin" | "agent";
            /**
             * Password
             * @deprecated
             * @description Ignored: the invitee chooses their own password when accepting.
             */
            password?: string | null;
        };
        /** MemberOut */
        MemberOut: {
            /** Id */
            id: number;
            /** User Id */
            user_id: number;
            /** Email */
            email: string;
            /** Name */
            name: string;
            /**
             * Role
             * @enum {string}
             */
            role: "owner" | "admin" | "agent";
            /** Is Active */
            is_active: boolean;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** MemberPatch */
        MemberPatch: {
            /** Role */
            role?: ("owner" | "admin" | "agent") | null;
            /** Is Active */
            is_active?: boolean | null;
        };
        /** MergeIn */
        MergeIn: {
            /**
             * Other Id
             * @description The contact merged into this one
             */
            other_id: number;
        };
        /**
         * MessageIn
         * @description A reply. On a comment conversation: public reply unless `private_reply` is true.
         */
        MessageIn: {
            /** Text */
            text?: string | null;
            /** Attachment Ids */
            attachment_ids?: number[];
            /** Product Id */
            product_id?: number | null;
            card?: components["schemas"]["ChannelCardIn"] | null;
            /**
             * Private Reply
             * @default false
             */
            private_reply?: boolean;
            /** Reply To Message Id */
            reply_to_message_id?: number | null;
        };
        /** MessageOut */
        MessageOut: {
            /** Id */
            id: number;
            /** Conversation Id */
            conversation_id: number;
            /** Channel Id */
            channel_id: number;
            /**
             * Kind
             * @enum {string}
             */
            kind: "message" | "comment";
            /**
             * Direction
             * @enum {string}
             */
            direction: "in" | "out";
            /**
             * Sender Type
             * @enum {string}
             */
            sender_type: "contact" | "agent" | "bot" | "page";
            /** Sender User Id */
            sender_user_id?: number | null;
            /** Text */
            text: string | null;
            /** Attachments */
            attachments: {
                [key: string]: unknown;
            }[];
            /**
             * Status
             * @enum {string}
             */
            status: "pending" | "sent" | "delivered" | "read" | "failed";
            /** Error */
            error: string | null;
            /** Error Code */
            error_code?: string | null;
            /** External Id */
            external_id: string | null;
            /** Reply To External Id */
            reply_to_external_id?: string | null;
            /** Parent External Id */
            parent_external_id?: string | null;
            /**
             * Is Private Reply
             * @default false
             */
            is_private_reply?: boolean;
            /**
             * Is Hidden
             * @default false
             */
            is_hidden?: boolean;
            /**
             * Is Deleted
             * @default false
             */
            is_deleted?: boolean;
            /**
             * Is Liked
             * @default false
             */
            is_liked?: boolean;
            /** Edited At */
            edited_at?: string | null;
            /** Meta */
            meta?: {
                [key: string]: unknown;
            };
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** MessageQueued */
        MessageQueued: {
            /** Items */
            items: components["schemas"]["MessageOut"][];
        };
        /** MinuteCount */
        MinuteCount: {
            /** Minute */
            minute: string;
            /** Comments */
            comments: number;
        };
        /** OrderDetailOut */
        OrderDetailOut: {
            /** Id */
            id: number;
            /** Code */
            code: string;
            /**
             * Status
             * @enum {string}
             */
            status: "draft" | "confirmed" | "closed" | "completed" | "cancelled";
            /** Status Label */
            status_label: string;
            /**
             * Source
             * @enum {string}
             */
            source: "manual" | "chat_auto" | "livestream";
            /** Contact Id */
            contact_id: number | null;
            /** Conversation Id */
            conversation_id: number | null;
            /** Livestream Id */
            livestream_id: number | null;
            /** Channel Id */
            channel_id: number | null;
            /** Warehouse Id */
            warehouse_id: number | null;
            /** Customer Name */
            customer_name: string | null;
            /** Phone */
            phone: string | null;
            /** Address */
            address: string | null;
            /** Province */
            province: string | null;
            /** District */
            district: string | null;
            /** Ward */
            ward: string | null;
            structured_address?: components["schemas"]["StoredAddressOut"] | null;
            /** Items */
            items: components["schemas"]["OrderItemOut"][];
            /** Subtotal */
            subtotal: number;
            /** Shipping Fee */
            shipping_fee: number;
            /** Discount */
            discount: number;
            /** Total */
            total: number;
            /** Cod Amount */
            cod_amount: number;
            /** Payment Method */
            payment_method: string;
            /** Carrier */
            carrier: string | null;
            /** Weight Grams */
            weight_grams: number;
            /** Note */
            note: string | null;
            /** Cancel Reason */
            cancel_reason: string | null;
            /** Bot Status */
            bot_status: string | null;
            /** Bot Error */
            bot_error: string | null;
            /** Bot Error Code */
            bot_error_code?: string | null;
            /** Receipt Message Id */
            receipt_message_id: number | null;
            /** Created By Id */
            created_by_id: number | null;
            /** Editable */
            editable: boolean;
            /** Allowed Transitions */
            allowed_transitions: string[];
            /**
             * Missing
             * @default []
             */
            missing?: ("phone" | "address" | "variant")[];
            /** Customer Risk */
            customer_risk?: string | null;
            /** Version */
            version: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Confirmed At */
            confirmed_at: string | null;
            /** Closed At */
            closed_at: string | null;
            /** Completed At */
            completed_at: string | null;
            /** Cancelled At */
            cancelled_at: string | null;
            /** History */
            history: components["schemas"]["StatusChangeOut"][];
        };
        /** OrderFigures */
        OrderFigures: {
            /**
             * Orders
             * @default 0
             */
            orders?: number;
            /**
             * Draft
             * @default 0
             */
            draft?: number;
            /**
             * Confirmed
             * @default 0
             */
            confirmed?: number;
            /**
             * Closed
             * @default 0
             */
            closed?: number;
            /**
             * Completed
             * @default 0
             */
            completed?: number;
            /**
             * Cancelled
             * @default 0
             */
            cancelled?: number;
            /**
             * Returned
             * @default 0
             */
            returned?: number;
            /**
             * Revenue
             * @default 0
             */
            revenue?: number;
            /** Cancel Rate */
            cancel_rate?: number | null;
            /** Return Rate */
            return_rate?: number | null;
        };
        /** OrderIn */
        OrderIn: {
            /** Conversation Id */
            conversation_id?: number | null;
            /** Contact Id */
            contact_id?: number | null;
            /** Warehouse Id */
            warehouse_id?: number | null;
            /** Customer Name */
            customer_name?: string | null;
            /** Phone */
            phone?: string | null;
            /** Address */
            address?: string | null;
            /** Province */
            province?: string | null;
            /** District */
            district?: string | null;
            /** Ward */
            ward?: string | null;
            /** @description The address as official codes (parser or pickers); without it the `address` text is read when saved. */
            structured_address?: components["schemas"]["StructuredAddressIn"] | null;
            /** Items */
            items?: components["schemas"]["OrderItemIn"][];
            /**
             * Shipping Fee
             * @default 0
             */
            shipping_fee?: number;
            /**
             * Discount
             * @default 0
             */
            discount?: number;
            /** Cod Amount */
            cod_amount?: number | null;
            /**
             * Payment Method
             * @default cod
             * @enum {string}
             */
            payment_method?: "cod" | "bank_transfer";
            /** Note */
            note?: string | null;
            /**
             * Confirm
             * @default false
             */
            confirm?: boolean;
        };
        /** OrderItemIn */
        OrderItemIn: {
            /** Product Id */
            product_id: number;
            /** Variant Id */
            variant_id?: number | null;
            /** Variant Sku */
            variant_sku?: string | null;
            /**
             * Quantity
             * @default 1
             */
            quantity?: number;
            /** Unit Price */
            unit_price?: number | null;
            /** Name */
            name?: string | null;
        };
        /** OrderItemOut */
        OrderItemOut: {
            /** Id */
            id: number;
            /** Product Id */
            product_id: number | null;
            /** Variant Id */
            variant_id: number | null;
            /** Variant Sku */
            variant_sku: string | null;
            /** Sku */
            sku: string | null;
            /** Name */
            name: string;
            /** Quantity */
            quantity: number;
            /** Unit Price */
            unit_price: number;
            /** Line Total */
            line_total: number;
            /** Source Message Id */
            source_message_id?: number | null;
            /** Keyword */
            keyword?: string | null;
            /**
             * Needs Variant
             * @default false
             */
            needs_variant?: boolean;
        };
        /** OrderOut */
        OrderOut: {
            /** Id */
            id: number;
            /** Code */
            code: string;
            /**
             * Status
             * @enum {string}
             */
            status: "draft" | "confirmed" | "closed" | "completed" | "cancelled";
            /** Status Label */
            status_label: string;
            /**
             * Source
             * @enum {string}
             */
            source: "manual" | "chat_auto" | "livestream";
            /** Contact Id */
            contact_id: number | null;
            /** Conversation Id */
            conversation_id: number | null;
            /** Livestream Id */
            livestream_id: number | null;
            /** Channel Id */
            channel_id: number | null;
            /** Warehouse Id */
            warehouse_id: number | null;
            /** Customer Name */
            customer_name: string | null;
            /** Phone */
            phone: string | null;
            /** Address */
            address: string | null;
            /** Province */
            province: string | null;
            /** District */
            district: string | null;
            /** Ward */
            ward: string | null;
            structured_address?: components["schemas"]["StoredAddressOut"] | null;
            /** Items */
            items: components["schemas"]["OrderItemOut"][];
            /** Subtotal */
            subtotal: number;
            /** Shipping Fee */
            shipping_fee: number;
            /** Discount */
            discount: number;
            /** Total */
            total: number;
            /** Cod Amount */
            cod_amount: number;
            /** Payment Method */
            payment_method: string;
            /** Carrier */
            carrier: string | null;
            /** Weight Grams */
            weight_grams: number;
            /** Note */
            note: string | null;
            /** Cancel Reason */
            cancel_reason: string | null;
            /** Bot Status */
            bot_status: string | null;
            /** Bot Error */
            bot_error: string | null;
            /** Bot Error Code */
            bot_error_code?: string | null;
            /** Receipt Message Id */
            receipt_message_id: number | null;
            /** Created By Id */
            created_by_id: number | null;
            /** Editable */
            editable: boolean;
            /** Allowed Transitions */
            allowed_transitions: string[];
            /**
             * Missing
             * @default []
             */
            missing?: ("phone" | "address" | "variant")[];
            /** Customer Risk */
            customer_risk?: string | null;
            /** Version */
            version: number;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Confirmed At */
            confirmed_at: string | null;
            /** Closed At */
            closed_at: string | null;
            /** Completed At */
            completed_at: string | null;
            /** Cancelled At */
            cancelled_at: string | null;
        };
        /** OrderPatch */
        OrderPatch: {
            /** Customer Name */
            customer_name?: string | null;
            /** Phone */
            phone?: string | null;
            /** Address */
            address?: string | null;
            /** Province */
            province?: string | null;
            /** District */
            district?: string | null;
            /** Ward */
            ward?: string | null;
            /** @description The address as official codes (parser or pickers); without it the `address` text is read when saved. */
            structured_address?: components["schemas"]["StructuredAddressIn"] | null;
            /** Items */
            items?: components["schemas"]["OrderItemIn"][] | null;
            /** Shipping Fee */
            shipping_fee?: number | null;
            /** Discount */
            discount?: number | null;
            /** Cod Amount */
            cod_amount?: number | null;
            /** Payment Method */
            payment_method?: ("cod" | "bank_transfer") | null;
            /** Note */
            note?: string | null;
            /** Carrier */
            carrier?: string | null;
            /** Warehouse Id */
            warehouse_id?: number | null;
            /** Version */
            version?: number | null;
        };
        /**
         * OrderPrefillOut
         * @description What the order form in a conversation starts with (customer info found in the chat).
         */
        OrderPrefillOut: {
            /** Conversation Id */
            conversation_id: number;
            /** Contact Id */
            contact_id: number;
            /** Channel Id */
            channel_id: number;
            /** Customer Name */
            customer_name: string | null;
            /** Phone */
            phone: string | null;
            /** Phones */
            phones: string[];
            /** Address */
            address: string | null;
            /** Province */
            province: string | null;
            /** District */
            district: string | null;
            /** Ward */
            ward: string | null;
            structured_address?: components["schemas"]["StoredAddressOut"] | null;
            /** Addresses */
            addresses: string[];
            open_order: components["schemas"]["OrderOut"] | null;
            /** Recent Orders */
            recent_orders: components["schemas"]["OrderOut"][];
            /** Orders Count */
            orders_count: number;
            /** Completed Orders Count */
            completed_orders_count: number;
            /** Cancelled Orders Count */
            cancelled_orders_count: number;
            /** Risk */
            risk: string;
            /** Blacklisted */
            blacklisted: boolean;
            /** Shipping Fee */
            shipping_fee: number | null;
        };
        /** OrderReport */
        OrderReport: {
            /**
             * Group By
             * @enum {string}
             */
            group_by: "day" | "source" | "channel" | "agent" | "livestream";
            /**
             * From Date
             * Format: date
             */
            from_date: string;
            /**
             * To Date
             * Format: date
             */
            to_date: string;
            /** Timezone */
            timezone: string;
            /** Rows */
            rows: components["schemas"]["OrderRow"][];
            totals: components["schemas"]["OrderFigures"];
        };
        /** OrderRow */
        OrderRow: {
            /**
             * Orders
             * @default 0
             */
            orders?: number;
            /**
             * Draft
             * @default 0
             */
            draft?: number;
            /**
             * Confirmed
             * @default 0
             */
            confirmed?: number;
            /**
             * Closed
             * @default 0
             */
            closed?: number;
            /**
             * Completed
             * @default 0
             */
            completed?: number;
            /**
             * Cancelled
             * @default 0
             */
            cancelled?: number;
            /**
             * Returned
             * @default 0
             */
            returned?: number;
            /**
             * Revenue
             * @default 0
             */
            revenue?: number;
            /** Cancel Rate */
            cancel_rate?: number | null;
            /** Return Rate */
            return_rate?: number | null;
            /** Key */
            key: string;
            /** Label */
            label: string;
        };
        /** OrderSettings */
        OrderSettings: {
            /**
             * Receipt Enabled
             * @default true
             */
            receipt_enabled?: boolean;
            /** Receipt Template */
            receipt_template: string;
            /** Default Warehouse Id */
            default_warehouse_id?: number | null;
        };
        /** OrderSettingsIn */
        OrderSettingsIn: {
            /** Receipt Enabled */
            receipt_enabled?: boolean | null;
            /** Receipt Template */
            receipt_template?: string | null;
        };
        /** Page[ApiKeyOut] */
        Page_ApiKeyOut_: {
            /** Items */
            items: components["schemas"]["ApiKeyOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[AutoMessageOut] */
        Page_AutoMessageOut_: {
            /** Items */
            items: components["schemas"]["AutoMessageOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[AutoMessageSendOut] */
        Page_AutoMessageSendOut_: {
            /** Items */
            items: components["schemas"]["AutoMessageSendOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[BlacklistOut] */
        Page_BlacklistOut_: {
            /** Items */
            items: components["schemas"]["BlacklistOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[BoardOrderOut] */
        Page_BoardOrderOut_: {
            /** Items */
            items: components["schemas"]["BoardOrderOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[ChannelOut] */
        Page_ChannelOut_: {
            /** Items */
            items: components["schemas"]["ChannelOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[ContactOut] */
        Page_ContactOut_: {
            /** Items */
            items: components["schemas"]["ContactOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[ConversationOut] */
        Page_ConversationOut_: {
            /** Items */
            items: components["schemas"]["ConversationOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[DeliveryOut] */
        Page_DeliveryOut_: {
            /** Items */
            items: components["schemas"]["DeliveryOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[InvitationOut] */
        Page_InvitationOut_: {
            /** Items */
            items: components["schemas"]["InvitationOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[LiveCommentOut] */
        Page_LiveCommentOut_: {
            /** Items */
            items: components["schemas"]["LiveCommentOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[LiveVideoOut] */
        Page_LiveVideoOut_: {
            /** Items */
            items: components["schemas"]["LiveVideoOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[LivestreamOut] */
        Page_LivestreamOut_: {
            /** Items */
            items: components["schemas"]["LivestreamOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[MediaOut] */
        Page_MediaOut_: {
            /** Items */
            items: components["schemas"]["MediaOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[MemberOut] */
        Page_MemberOut_: {
            /** Items */
            items: components["schemas"]["MemberOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[MessageOut] */
        Page_MessageOut_: {
            /** Items */
            items: components["schemas"]["MessageOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[OrderOut] */
        Page_OrderOut_: {
            /** Items */
            items: components["schemas"]["OrderOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[PostOut] */
        Page_PostOut_: {
            /** Items */
            items: components["schemas"]["PostOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[ProductOut] */
        Page_ProductOut_: {
            /** Items */
            items: components["schemas"]["ProductOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[QuickReplyOut] */
        Page_QuickReplyOut_: {
            /** Items */
            items: components["schemas"]["QuickReplyOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[SessionOut] */
        Page_SessionOut_: {
            /** Items */
            items: components["schemas"]["SessionOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[TagOut] */
        Page_TagOut_: {
            /** Items */
            items: components["schemas"]["TagOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** Page[WebhookOut] */
        Page_WebhookOut_: {
            /** Items */
            items: components["schemas"]["WebhookOut"][];
            /** Next Cursor */
            next_cursor?: string | null;
        };
        /** ParseIn */
        ParseIn: {
            /**
             * Text
             * @example 59 nguyễn sỹ sách, p15, tan binh, hcm
             */
            text: string;
            /**
             * New Ward Code
             * @description Staff's choice among `ward_choices` when a legacy ward was split.
             */
            new_ward_code?: string | null;
        };
        /** ParsedAddressOut */
        ParsedAddressOut: {
            /** Found */
            found: boolean;
            /** @description As written (its own scheme). */
            address: components["schemas"]["StructuredAddress"] | null;
            /** @description The 2025 form; its ward is empty while a split ward waits for a choice. */
            address_2025: components["schemas"]["StructuredAddress"] | null;
            /** Needs Ward Choice */
            needs_ward_choice: boolean;
            /** Ward Choices */
            ward_choices: components["schemas"]["WardChoiceOut"][];
        };
        /** PasswordChangeIn */
        PasswordChangeIn: {
            /** Current Password */
            current_password: string;
            /** New Password */
            new_password: string;
        };
        /** PasswordResetIn */
        PasswordResetIn: {
            /** Token */
            token: string;
            /** New Password */
            new_password: string;
        };
        /** PasswordResetRequestIn */
        PasswordResetRequestIn: {
            /**
             * Email
             * Format: email
             */
            email: string;
        };
        /** PhoneIn */
        PhoneIn: {
            /** Phone */
            phone: string;
        };
        /** PhoneOut */
        PhoneOut: {
            /** Phone */
            phone: string;
            /** Display */
            display: string;
            /** Raw */
            raw: string | null;
            /** Source Message Id */
            source_message_id: number | null;
        };
        /** PickupIn */
        PickupIn: {
            /**
             * Name
             * @default
             */
            name?: string;
            /**
             * Phone
             * @default
             */
            phone?: string;
            /**
             * Address
             * @default
             */
            address?: string;
            /** @description The pickup address as official codes (the pickers); omitted: read from `address` once, when saved. */
            structured_address?: components["schemas"]["StructuredAddressIn"] | null;
        };
        /** PickupOut */
        PickupOut: {
            /**
             * Name
             * @default
             */
            name?: string;
            /**
             * Phone
             * @default
             */
            phone?: string;
            /**
             * Address
             * @default
             */
            address?: string;
            /** @description The official codes quotes and bookings use. */
            structured_address?: components["schemas"]["StoredAddressOut"] | null;
        };
        /**
         * PostOut
         * @description The post (or live video) a comment conversation hangs under.
         */
        PostOut: {
            /** Id */
            id: number;
            /** Channel Id */
            channel_id: number;
            /** External Id */
            external_id: string;
            /**
             * Kind
             * @enum {string}
             */
            kind: "post" | "live_video";
            /** Message */
            message: string | null;
            /** Picture Url */
            picture_url: string | null;
            /** Permalink Url */
            permalink_url: string | null;
            /** Status Type */
            status_type: string | null;
            /** Live Status */
            live_status: string | null;
            /** Posted At */
            posted_at: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** PresenceOut */
        PresenceOut: {
            /**
             * Online User Ids
             * @description Users with at least one live WebSocket (any tab, any API process)
             */
            online_user_ids: number[];
            /**
             * Viewers
             * @description Open conversations and who is looking at each
             */
            viewers: components["schemas"]["ConversationViewers"][];
        };
        /** PreviewIn */
        PreviewIn: {
            /** Text */
            text: string;
            /**
             * Kind
             * @default order_status
             * @enum {string}
             */
            kind?: "greeting" | "away" | "order_status";
        };
        /** PreviewOut */
        PreviewOut: {
            /** Text */
            text: string;
            /** Problems */
            problems: string[];
        };
        /** PrintIn */
        PrintIn: {
            /** Ids */
            ids: number[];
        };
        /** ProductFigures */
        ProductFigures: {
            /** Product Id */
            product_id: number | null;
            /** Name */
            name: string;
            /** Units */
            units: number;
            /** Revenue */
            revenue: number;
        };
        /** ProductIn */
        ProductIn: {
            /** Sku */
            sku: string;
            /** Name */
            name: string;
            /** Description */
            description?: string | null;
            /** Images */
            images?: string[];
            /**
             * Price
             * @default 0
             */
            price?: number;
            /**
             * Stock
             * @default 0
             */
            stock?: number;
            /**
             * Weight Grams
             * @default 0
             */
            weight_grams?: number;
            /**
             * Is Active
             * @default true
             */
            is_active?: boolean;
            /** Variants */
            variants?: components["schemas"]["VariantIn"][];
            /** Listings */
            listings?: components["schemas"]["ListingIn"][];
        };
        /** ProductOut */
        ProductOut: {
            /** Id */
            id: number;
            /** Sku */
            sku: string;
            /** Name */
            name: string;
            /** Description */
            description: string | null;
            /** Images */
            images: string[];
            /** Price */
            price: number;
            /** Stock */
            stock: number;
            /** Reserved */
            reserved: number;
            /** Available */
            available: number;
            /** Weight Grams */
            weight_grams: number;
            /** Is Active */
            is_active: boolean;
            /** Variants */
            variants: components["schemas"]["VariantOut"][];
            /**
             * Listings
             * @default []
             */
            listings?: components["schemas"]["ListingOut"][];
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /** ProductPatch */
        ProductPatch: {
            /** Sku */
            sku?: string | null;
            /** Name */
            name?: string | null;
            /** Description */
            description?: string | null;
            /** Images */
            images?: string[] | null;
            /** Price */
            price?: number | null;
            /** Stock */
            stock?: number | null;
            /** Weight Grams */
            weight_grams?: number | null;
            /** Is Active */
            is_active?: boolean | null;
            /** Variants */
            variants?: components["schemas"]["VariantIn"][] | null;
            /** Listings */
            listings?: components["schemas"]["ListingIn"][] | null;
        };
        /** ProviderList */
        ProviderList: {
            /** Items */
            items: components["schemas"]["ProviderOut"][];
        };
        /**
         * ProviderOut
         * @description A kind of channel this server can connect, and how.
         */
        ProviderOut: {
            /** Name */
            name: string;
            /** Label */
            label: string;
            /** Capabilities */
            capabilities: string[];
            /** Connect Modes */
            connect_modes: string[];
        };
        /** ProvinceList */
        ProvinceList: {
            /** Items */
            items: components["schemas"]["ProvinceOut"][];
        };
        /** ProvinceOut */
        ProvinceOut: {
            /**
             * Scheme
             * @enum {string}
             */
            scheme: "2025" | "legacy";
            /** Code */
            code: string;
            /** Name */
            name: string;
            /** Short Name */
            short_name: string;
        };
        /** QuickReplyIn */
        QuickReplyIn: {
            /** Name */
            name: string;
            /** Shortcut */
            shortcut?: string | null;
            /**
             * Enabled
             * @default true
             */
            enabled?: boolean;
            /** Channel Ids */
            channel_ids?: number[];
            /** Messages */
            messages: components["schemas"]["QuickReplyMessageIn"][];
            /**
             * Position
             * @default 0
             */
            position?: number;
        };
        /** QuickReplyMessageIn */
        QuickReplyMessageIn: {
            /** Text */
            text?: string | null;
            /** Attachment Ids */
            attachment_ids?: number[];
        };
        /** QuickReplyMessageOut */
        QuickReplyMessageOut: {
            /** Text */
            text: string | null;
            /** Attachment Ids */
            attachment_ids: number[];
            /** Rendered Text */
            rendered_text?: string | null;
        };
        /** QuickReplyOut */
        QuickReplyOut: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Shortcut */
            shortcut: string | null;
            /** Enabled */
            enabled: boolean;
            /** Channel Ids */
            channel_ids: number[];
            /** Position */
            position: number;
            /** Messages */
            messages: components["schemas"]["QuickReplyMessageOut"][];
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** QuickReplyPatch */
        QuickReplyPatch: {
            /** Name */
            name?: string | null;
            /** Shortcut */
            shortcut?: string | null;
            /** Enabled */
            enabled?: boolean | null;
            /** Channel Ids */
            channel_ids?: number[] | null;
            /** Messages */
            messages?: components["schemas"]["QuickReplyMessageIn"][] | null;
            /** Position */
            position?: number | null;
        };
        /** QuickReplySend */
        QuickReplySend: {
            /** Quick Reply Id */
            quick_reply_id: number;
        };
        /** QuoteError */
        QuoteError: {
            /**
             * Carrier
             * @enum {string}
             */
            carrier: "ghn" | "ghtk" | "viettelpost";
            /** Code */
            code: string;
            /** Message */
            message: string;
        };
        /** QuoteIn */
        QuoteIn: {
            /**
             * New Ward Code
             * @description The 2025 ward when the address's old ward was split
             */
            new_ward_code?: string | null;
        };
        /** QuoteOut */
        QuoteOut: {
            /**
             * Carrier
             * @enum {string}
             */
            carrier: "ghn" | "ghtk" | "viettelpost";
            /** Service Id */
            service_id: string;
            /** Service Name */
            service_name: string;
            /** Fee */
            fee: number;
            /** Expected Delivery At */
            expected_delivery_at: string | null;
        };
        /** QuotesOut */
        QuotesOut: {
            /** Items */
            items: components["schemas"]["QuoteOut"][];
            /** Errors */
            errors: components["schemas"]["QuoteError"][];
            /** Cheapest */
            cheapest?: ("ghn" | "ghtk" | "viettelpost") | null;
            /** Fastest */
            fastest?: ("ghn" | "ghtk" | "viettelpost") | null;
        };
        /** RefreshIn */
        RefreshIn: {
            /** Refresh Token */
            refresh_token: string;
        };
        /** RegisterIn */
        RegisterIn: {
            /**
             * Email
             * Format: email
             */
            email: string;
            /** Password */
            password: string;
            /** Name */
            name: string;
            /** Workspace Name */
            workspace_name: string;
        };
        /**
         * ReplyWindowOut
         * @description Whether a reply may go now, by the channel's rules (`channels.contract.ReplyWindow`):
         *     `open` anyone, `human_only` staff only, `closed` nobody; at `closes_at` it becomes `then`.
         *     `code` names the provider's rule in force (e.g. `zalo_free_replies_used`); `remaining` is
         *     how many more messages it allows (Zalo's free replies), when the channel counts them.
         */
        ReplyWindowOut: {
            /**
             * State
             * @enum {string}
             */
            state: "open" | "human_only" | "closed";
            /** Closes At */
            closes_at?: string | null;
            /** Then */
            then?: ("open" | "human_only" | "closed") | null;
            /** Reason */
            reason?: string | null;
            /** Code */
            code?: string | null;
            /** Remaining */
            remaining?: number | null;
        };
        /** ResolveItemIn */
        ResolveItemIn: {
            /** Item Id */
            item_id: number;
            /** Variant Id */
            variant_id?: number | null;
            /** Quantity */
            quantity?: number | null;
        };
        /**
         * SameCustomerOut
         * @description Another customer with one of this customer's phones: probably the same person.
         */
        SameCustomerOut: {
            contact: components["schemas"]["ContactOut"];
            /** Shared Phones */
            shared_phones: string[];
            /** Channels */
            channels: components["schemas"]["ChannelRef"][];
        };
        /** SameCustomersOut */
        SameCustomersOut: {
            /** Items */
            items: components["schemas"]["SameCustomerOut"][];
        };
        /**
         * SelectionConnect
         * @description The accounts the owner ticked (their `external_id`s).
         */
        SelectionConnect: {
            /** External Ids */
            external_ids: unknown[];
        };
        /**
         * SessionOut
         * @description One of your login sessions (a browser, a device) that still works.
         */
        SessionOut: {
            /** Id */
            id: number;
            /**
             * User Agent
             * @description The browser's User-Agent as last seen.
             */
            user_agent: string | null;
            /**
             * Ip
             * @description The address it was last used from.
             */
            ip: string | null;
            /**
             * Created At
             * Format: date-time
             * @description When you logged in there.
             */
            created_at: string;
            /**
             * Last Used At
             * @description Last token renewal: within about 15 minutes of its last use.
             */
            last_used_at: string | null;
            /**
             * Expires At
             * Format: date-time
             * @description It ends unless used again before then.
             */
            expires_at: string;
            /**
             * Current
             * @description The session making this request.
             * @default false
             */
            current?: boolean;
        };
        /** SessionsEnded */
        SessionsEnded: {
            /**
             * Ended
             * @description How many sessions ended.
             */
            ended: number;
        };
        /** ShipmentEventOut */
        ShipmentEventOut: {
            /** Status */
            status: string | null;
            /** Carrier Status */
            carrier_status: string;
            /** Label */
            label: string;
            /** Reason */
            reason: string | null;
            /**
             * Happened At
             * Format: date-time
             */
            happened_at: string;
        };
        /** ShipmentIn */
        ShipmentIn: {
            /**
             * Carrier
             * @enum {string}
             */
            carrier: "ghn" | "ghtk" | "viettelpost";
            /** Service Id */
            service_id?: string | null;
            /** Note */
            note?: string | null;
            /** New Ward Code */
            new_ward_code?: string | null;
        };
        /** ShipmentList */
        ShipmentList: {
            /** Items */
            items: components["schemas"]["ShipmentOut"][];
        };
        /** ShipmentOut */
        ShipmentOut: {
            /** Id */
            id: number;
            /** Order Id */
            order_id: number;
            /**
             * Carrier
             * @enum {string}
             */
            carrier: "ghn" | "ghtk" | "viettelpost";
            /** Service Id */
            service_id: string | null;
            /** Tracking Code */
            tracking_code: string;
            /** Fee */
            fee: number;
            /** Cod Amount */
            cod_amount: number;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            /** Carrier Status */
            carrier_status: string;
            /** Label Url */
            label_url: string;
            /** Expected Delivery At */
            expected_delivery_at: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Events */
            events?: components["schemas"]["ShipmentEventOut"][];
        };
        /** ShippingEstimateIn */
        ShippingEstimateIn: {
            /** Province */
            province?: string | null;
            /** Address */
            address?: string | null;
            /**
             * Weight Grams
             * @default 500
             */
            weight_grams?: number;
            /**
             * Cod Amount
             * @default 0
             */
            cod_amount?: number;
        };
        /** ShippingQuoteOut */
        ShippingQuoteOut: {
            /** Carrier */
            carrier: string;
            /** Service */
            service: string;
            /** Fee */
            fee: number;
            /** Province */
            province: string | null;
        };
        /** ShippingRateIn */
        ShippingRateIn: {
            /**
             * Carrier
             * @default default
             */
            carrier?: string;
            /**
             * Province
             * @default *
             */
            province?: string;
            /** Max Weight Grams */
            max_weight_grams: number;
            /** Fee */
            fee: number;
        };
        /** ShippingRateOut */
        ShippingRateOut: {
            /** Id */
            id: number;
            /** Carrier */
            carrier: string;
            /** Province */
            province: string;
            /** Max Weight Grams */
            max_weight_grams: number;
            /** Fee */
            fee: number;
        };
        /** ShippingRatesIn */
        ShippingRatesIn: {
            /** Rates */
            rates: components["schemas"]["ShippingRateIn"][];
        };
        /**
         * StateChange
         * @description Optional body of read / unread / block: `version` as in PATCH.
         */
        StateChange: {
            /** Version */
            version?: number | null;
        };
        /** StatusChangeOut */
        StatusChangeOut: {
            /** Id */
            id: number;
            /** From Status */
            from_status: string | null;
            /** To Status */
            to_status: string;
            /** Reason */
            reason: string | null;
            /** Actor Type */
            actor_type: string;
            /** Actor User Id */
            actor_user_id: number | null;
            /** Actor Name */
            actor_name?: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /**
         * StoredAddressOut
         * @description An order's or customer's address as stored (its own scheme), with its 2025 form.
         */
        StoredAddressOut: {
            /** Street */
            street?: string | null;
            /** Ward */
            ward?: string | null;
            /** District */
            district?: string | null;
            /** Province */
            province?: string | null;
            /** Ward Code */
            ward_code?: string | null;
            /** Province Code */
            province_code?: string | null;
            /**
             * Scheme
             * @enum {string}
             */
            scheme: "2025" | "legacy";
            /** @description The 2025 form of a legacy address; its ward is empty while a split ward waits for staff's choice among `ward_choices`. */
            address_2025?: components["schemas"]["StructuredAddress"] | null;
            /** Ward Choices */
            ward_choices?: components["schemas"]["WardChoiceOut"][];
        };
        /**
         * StructuredAddress
         * @description An address in one scheme: the 2025 scheme has no district.
         */
        StructuredAddress: {
            /** Street */
            street?: string | null;
            /** Ward */
            ward?: string | null;
            /** District */
            district?: string | null;
            /** Province */
            province?: string | null;
            /** Ward Code */
            ward_code?: string | null;
            /** Province Code */
            province_code?: string | null;
            /**
             * Scheme
             * @enum {string}
             */
            scheme: "2025" | "legacy";
        };
        /**
         * StructuredAddressIn
         * @description An address as official codes (from the parser or the pickers). Names are read from the
         *     codes: any sent along are ignored.
         */
        StructuredAddressIn: {
            /**
             * Scheme
             * @enum {string}
             */
            scheme: "2025" | "legacy";
            /** Province Code */
            province_code?: string | null;
            /** Ward Code */
            ward_code?: string | null;
            /** Street */
            street?: string | null;
            /** Province */
            province?: string | null;
            /** District */
            district?: string | null;
            /** Ward */
            ward?: string | null;
        };
        /** SwitchWorkspaceIn */
        SwitchWorkspaceIn: {
            /** Workspace Id */
            workspace_id: number;
        };
        /** TagIn */
        TagIn: {
            /** Name */
            name: string;
            /**
             * Color
             * @default #6b7280
             */
            color?: string;
            /** Folder */
            folder?: string | null;
            /**
             * Visible
             * @default true
             */
            visible?: boolean;
            /**
             * Position
             * @default 0
             */
            position?: number;
        };
        /** TagOut */
        TagOut: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Color */
            color: string;
            /** Folder */
            folder?: string | null;
            /**
             * Visible
             * @default true
             */
            visible?: boolean;
            /**
             * Position
             * @default 0
             */
            position?: number;
            /**
             * Source
             * @default manual
             */
            source?: string;
            /** Channel Id */
            channel_id?: number | null;
            /** Conversations Count */
            conversations_count?: number | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** TagPatch */
        TagPatch: {
            /** Name */
            name?: string | null;
            /** Color */
            color?: string | null;
            /** Folder */
            folder?: string | null;
            /** Visible */
            visible?: boolean | null;
            /** Position */
            position?: number | null;
        };
        /** TagRef */
        TagRef: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Color */
            color: string;
            /** Folder */
            folder?: string | null;
            /**
             * Visible
             * @default true
             */
            visible?: boolean;
        };
        /** TotalsOut */
        TotalsOut: {
            /** Orders */
            orders: number;
            /** By Status */
            by_status: {
                [key: string]: number;
            };
            /** Items */
            items: number;
            /** Revenue */
            revenue: number;
            /** Confirmed Rate */
            confirmed_rate: number;
            /** Customers */
            customers: number;
            /** Comments */
            comments: number;
            /** Comments By Outcome */
            comments_by_outcome: {
                [key: string]: number;
            };
            /** Bot Queued */
            bot_queued: number;
            /** Bot Sent */
            bot_sent: number;
            /** Bot Failed */
            bot_failed: number;
            /** Private Replies Last Hour */
            private_replies_last_hour: number;
            /** Private Reply Hourly Cap */
            private_reply_hourly_cap: number;
        };
        /** TransitionIn */
        TransitionIn: {
            /**
             * To
             * @enum {string}
             */
            to: "draft" | "confirmed" | "closed" | "completed" | "cancelled";
            /** Reason */
            reason?: string | null;
        };
        /** UserOut */
        UserOut: {
            /** Id */
            id: number;
            /** Email */
            email: string;
            /** Name */
            name: string;
            /** Locale */
            locale: string;
        };
        /** ValidationError */
        ValidationError: {
            /** Location */
            loc: (string | number)[];
            /** Message */
            msg: string;
            /** Error Type */
            type: string;
            /** Input */
            input?: unknown;
            /** Context */
            ctx?: Record<string, never>;
        };
        /** VariantIn */
        VariantIn: {
            /** Id */
            id?: number | null;
            /** Sku */
            sku: string;
            /** Name */
            name: string;
            /** Attributes */
            attributes?: {
                [key: string]: string;
            };
            /**
             * Price
             * @default 0
             */
            price?: number;
            /**
             * Stock
             * @default 0
             */
            stock?: number;
        };
        /** VariantOut */
        VariantOut: {
            /** Id */
            id: number;
            /** Sku */
            sku: string;
            /** Name */
            name: string;
            /** Attributes */
            attributes: {
                [key: string]: unknown;
            };
            /** Price */
            price: number;
            /** Stock */
            stock: number;
            /** Reserved */
            reserved: number;
            /** Available */
            available: number;
        };
        /** WardChoiceOut */
        WardChoiceOut: {
            /** Code */
            code: string;
            /** Name */
            name: string;
            /** Is Default */
            is_default: boolean;
        };
        /** WardList */
        WardList: {
            /** Items */
            items: components["schemas"]["WardOut"][];
        };
        /** WardOut */
        WardOut: {
            /**
             * Scheme
             * @enum {string}
             */
            scheme: "2025" | "legacy";
            /** Code */
            code: string;
            /** Name */
            name: string;
            /** Short Name */
            short_name: string;
            /** Province Code */
            province_code: string;
            /** District Code */
            district_code?: string | null;
            /** District Name */
            district_name?: string | null;
        };
        /** WarehouseIn */
        WarehouseIn: {
            /** Name */
            name: string;
            /** Address */
            address?: string | null;
            /**
             * Is Default
             * @default false
             */
            is_default?: boolean;
        };
        /** WarehouseOut */
        WarehouseOut: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /** Address */
            address: string | null;
            /** Is Default */
            is_default: boolean;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** WarehousePatch */
        WarehousePatch: {
            /** Name */
            name?: string | null;
            /** Address */
            address?: string | null;
            /** Is Default */
            is_default?: boolean | null;
        };
        /** WebhookCreatedOut */
        WebhookCreatedOut: {
            /** Id */
            id: number;
            /** Url */
            url: string;
            /** Events */
            events: string[];
            /** Active */
            active: boolean;
            /** Description */
            description: string;
            /** Consecutive Failures */
            consecutive_failures: number;
            /** Failing Since */
            failing_since: string | null;
            /** Disabled Reason */
            disabled_reason: string | null;
            /** Disabled At */
            disabled_at: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /**
             * Secret
             * @description Shown once: verify X-Chotdon-Signature with it
             */
            secret: string;
        };
        /** WebhookIn */
        WebhookIn: {
            /** Url */
            url: string;
            /** Events */
            events: string[];
            /**
             * Active
             * @default true
             */
            active?: boolean;
            /**
             * Description
             * @default
             */
            description?: string;
        };
        /** WebhookOut */
        WebhookOut: {
            /** Id */
            id: number;
            /** Url */
            url: string;
            /** Events */
            events: string[];
            /** Active */
            active: boolean;
            /** Description */
            description: string;
            /** Consecutive Failures */
            consecutive_failures: number;
            /** Failing Since */
            failing_since: string | null;
            /** Disabled Reason */
            disabled_reason: string | null;
            /** Disabled At */
            disabled_at: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /** WebhookPatch */
        WebhookPatch: {
            /** Url */
            url?: string | null;
            /** Events */
            events?: string[] | null;
            /** Active */
            active?: boolean | null;
            /** Description */
            description?: string | null;
        };
        /** WorkingHoursIn */
        WorkingHoursIn: {
            /**
             * Timezone
             * @default Asia/Ho_Chi_Minh
             */
            timezone?: string;
            /**
             * Days
             * @description Open periods per weekday (mon…sun), local HH:MM; '24:00' ends at midnight. A missing or empty day is closed.
             * @example {
             *       "mon": [
             *         [
             *           "08:00",
             *           "12:00"
             *         ],
             *         [
             *           "13:30",
             *           "21:00"
             *         ]
             *       ],
             *       "sun": []
             *     }
             */
            days: {
                [key: string]: string[][];
            };
            /**
             * Closed Dates
             * @description Local dates closed all day (holidays, Tết), YYYY-MM-DD.
             * @example [
             *       "2027-02-06",
             *       "2027-02-07"
             *     ]
             */
            closed_dates?: string[];
        };
        /** WorkingHoursOut */
        WorkingHoursOut: {
            /** Timezone */
            timezone: string;
            /**
             * Days
             * @description Every weekday, [] when closed.
             */
            days: {
                [key: string]: string[][];
            };
            /** Closed Dates */
            closed_dates: string[];
            /**
             * Configured
             * @description False until the owner sets hours: open all the time.
             */
            configured: boolean;
            /** Open Now */
            open_now: boolean;
            /**
             * Next Open At
             * @description Now when open; None beyond a year.
             */
            next_open_at: string | null;
            /** Updated At */
            updated_at: string | null;
        };
        /** WorkspaceOut */
        WorkspaceOut: {
            /** Id */
            id: number;
            /** Name */
            name: string;
        };
        /** WorkspaceWithRole */
        WorkspaceWithRole: {
            /** Id */
            id: number;
            /** Name */
            name: string;
            /**
             * Role
             * @enum {string}
             */
            role: "owner" | "admin" | "agent";
        };
        /** NoteIn */
        chotdon__customers__schemas__NoteIn: {
            /** Text */
            text: string;
        };
        /** NoteOut */
        chotdon__customers__schemas__NoteOut: {
            /** Id */
            id: number;
            /** Text */
            text: string;
            /** Author Id */
            author_id: number | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** BulkIn */
        chotdon__inbox__schemas__BulkIn: {
            /** Ids */
            ids: number[];
            /**
             * Action
             * @enum {string}
             */
            action: "tag" | "untag" | "assign" | "unassign" | "done" | "open" | "read" | "unread";
            /** Tag Ids */
            tag_ids?: number[];
            /** Assignee Id */
            assignee_id?: number | null;
        };
        /** BulkOut */
        chotdon__inbox__schemas__BulkOut: {
            /**
             * Action
             * @enum {string}
             */
            action: "tag" | "untag" | "assign" | "unassign" | "done" | "open" | "read" | "unread";
            /** Updated Ids */
            updated_ids: number[];
            /** Skipped */
            skipped?: components["schemas"]["BulkSkipped"][];
        };
        /** NoteIn */
        chotdon__inbox__schemas__NoteIn: {
            /** Text */
            text: string;
        };
        /** NoteOut */
        chotdon__inbox__schemas__NoteOut: {
            /** Id */
            id: number;
            /** Conversation Id */
            conversation_id: number | null;
            /** Contact Id */
            contact_id: number | null;
            /** Author Id */
            author_id: number | null;
            /** Text */
            text: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
        };
        /** BulkIn */
        chotdon__livestream__schemas__BulkIn: {
            /** Ids */
            ids: number[];
            /**
             * Action
             * @enum {string}
             */
            action: "confirm" | "close" | "cancel" | "complete";
            /** Reason */
            reason?: string | null;
        };
        /** BulkOut */
        chotdon__livestream__schemas__BulkOut: {
            /** Done */
            done: number[];
            /** Failed */
            failed: components["schemas"]["BulkFailure"][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    verify_webhook_webhooks_facebook_get: {
        parameters: {
            query?: {
                "hub.mode"?: string | null;
                "hub.verify_token"?: string | null;
                "hub.challenge"?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    receive_webhook_webhooks_facebook_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
    receive_push_webhooks_shopee_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    receive_event_webhooks_zalo_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    receive_notification_webhooks_tiktok_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    receive_lazada_push_webhooks_lazada_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    receive_carrier_webhook_webhooks__carrier__post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                carrier: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    register_api_v1_auth_register_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    login_api_v1_auth_login_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    switch_workspace_api_v1_auth_switch_workspace_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SwitchWorkspaceIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    refresh_api_v1_auth_refresh_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    logout_api_v1_auth_logout_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    list_sessions_api_v1_auth_sessions_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_SessionOut_"];
                };
            };
        };
    };
    end_session_api_v1_auth_sessions__session_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    logout_others_api_v1_auth_logout_others_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionsEnded"];
                };
            };
        };
    };
    change_password_api_v1_auth_password_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordChangeIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    request_password_reset_api_v1_auth_password_reset_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordResetRequestIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    reset_password_api_v1_auth_password_reset_confirm_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordResetIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    me_api_v1_me_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeOut"];
                };
            };
        };
    };
    list_members_api_v1_members_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_MemberOut_"];
                };
            };
        };
    };
    add_member_api_v1_members_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationCreated"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    leave_workspace_api_v1_members_me_delete: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    list_invitations_api_v1_invitations_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_InvitationOut_"];
                };
            };
        };
    };
    revoke_invitation_api_v1_invitations__invitation_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invitation_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    preview_invitation_api_v1_auth_invitation_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvitationTokenIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationPreview"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    join_api_v1_auth_join_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JoinIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    remove_member_api_v1_members__member_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                member_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_member_api_v1_members__member_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                member_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberPatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    end_member_sessions_api_v1_members__member_id__sessions_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                member_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionsEnded"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_api_keys_api_v1_api_keys_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_ApiKeyOut_"];
                };
            };
        };
    };
    create_api_key_api_v1_api_keys_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApiKeyIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyCreated"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    revoke_api_key_api_v1_api_keys__api_key_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                api_key_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_provinces_api_v1_addresses_provinces_get: {
        parameters: {
            query?: {
                /** @description `2025` (34 provinces, no district) or `legacy` */
                scheme?: "2025" | "legacy";
                /** @description diacritics-insensitive */
                q?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProvinceList"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_wards_api_v1_addresses_provinces__code__wards_get: {
        parameters: {
            query?: {
                /** @description `2025` (34 provinces, no district) or `legacy` */
                scheme?: "2025" | "legacy";
                /** @description diacritics-insensitive */
                q?: string | null;
                limit?: number;
            };
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WardList"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    parse_address_api_v1_addresses_parse_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ParseIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ParsedAddressOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_channels_api_v1_channels_get: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_ChannelOut_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_providers_api_v1_channels_providers_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderList"];
                };
            };
        };
    };
    authorize_api_v1_channels__provider__authorize_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthorizeOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_selection_api_v1_channels__provider__selections__selection_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
                selection_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountChoiceList"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    connect_selection_api_v1_channels__provider__selections__selection_id__post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
                selection_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SelectionConnect"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelList"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_channel_api_v1_channels__channel_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_channel_api_v1_channels__channel_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    patch_channel_api_v1_channels__channel_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChannelPatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    sync_channel_api_v1_channels__channel_id__sync_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    connect_facebook_page_api_v1_channels_facebook_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FacebookConnect"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_facebook_pages_api_v1_channels_facebook_pages_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FacebookPagesRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FacebookPageList"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_conversations_api_v1_conversations_get: {
        parameters: {
            query?: {
                sort?: "recent" | "unread_first";
                channel_id?: number[] | null;
                kind?: ("message" | "comment") | null;
                post_id?: number | null;
                unread?: boolean | null;
                unreplied?: boolean | null;
                has_phone?: boolean | null;
                tag_id?: number[] | null;
                tag_mode?: "any" | "all";
                /** @description me, none or a user id */
                assignee?: string | null;
                status?: ("open" | "done") | null;
                has_order?: boolean | null;
                contact_id?: number | null;
                since?: string | null;
                until?: string | null;
                q?: string | null;
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_ConversationOut_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    conversation_counts_api_v1_conversations_counts_get: {
        parameters: {
            query?: {
                channel_id?: number[] | null;
                kind?: ("message" | "comment") | null;
                post_id?: number | null;
                unread?: boolean | null;
                unreplied?: boolean | null;
                has_phone?: boolean | null;
                tag_id?: number[] | null;
                tag_mode?: "any" | "all";
                /** @description me, none or a user id */
                assignee?: string | null;
                status?: ("open" | "done") | null;
                has_order?: boolean | null;
                contact_id?: number | null;
                since?: string | null;
                until?: string | null;
                q?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Counts"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    bulk_action_api_v1_conversations_bulk_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["chotdon__inbox__schemas__BulkIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["chotdon__inbox__schemas__BulkOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_conversation_api_v1_conversations__conversation_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversation_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_conversation_api_v1_conversations__conversation_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversation_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConversationPatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    mark_read_api_v1_conversations__conversation_id__read_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversation_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["StateChange"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    mark_unread_api_v1_conversations__conversation_id__unread_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversation_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["StateChange"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    block_customer_api_v1_conversations__conversation_id__block_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversation_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    unblock_customer_api_v1_conversations__conversation_id__unblock_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversation_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    sync_conversation_api_v1_conversations__conversation_id__sync_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversation_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: string;
                    };
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_messages_api_v1_conversations__conversation_id__messages_get: {
        parameters: {
            query?: {
                order?: "latest" | "oldest";
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path: {
                conversation_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_MessageOut_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    send_message_api_v1_conversations__conversation_id__messages_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversation_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MessageIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    retry_message_api_v1_messages__message_id__retry_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                message_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    search_messages_api_v1_messages_search_get: {
        parameters: {
            query: {
                q: string;
                conversation_id?: number | null;
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_MessageOut_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    send_quick_reply_api_v1_conversations__conversation_id__quick_replies_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversation_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuickReplySend"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageQueued"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    attach_tag_api_v1_conversations__conversation_id__tags__tag_id__post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversation_id: number;
                tag_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    detach_tag_api_v1_conversations__conversation_id__tags__tag_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversation_id: number;
                tag_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    tag_customer_api_v1_conversations__conversation_id__customer_tags__tag_id__post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversation_id: number;
                tag_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ContactTagIn"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    untag_customer_api_v1_conversations__conversation_id__customer_tags__tag_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversation_id: number;
                tag_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_notes_api_v1_conversations__conversation_id__notes_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversation_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["chotdon__inbox__schemas__NoteOut"][];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    add_note_api_v1_conversations__conversation_id__notes_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversation_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["chotdon__inbox__schemas__NoteIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["chotdon__inbox__schemas__NoteOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_note_api_v1_notes__note_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                note_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    comment_action_api_v1_comments__message_id___action__post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                message_id: number;
                action: "like" | "unlike" | "hide" | "unhide";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommentActionOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_comment_api_v1_comments__message_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                message_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CommentActionOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_tags_api_v1_tags_get: {
        parameters: {
            query?: {
                with_counts?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_TagOut_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_tag_api_v1_tags_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_tag_api_v1_tags__tag_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tag_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_tag_api_v1_tags__tag_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tag_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_tag_api_v1_tags__tag_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tag_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagPatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_auto_assignment_api_v1_auto_assignment_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutoAssignmentOut"];
                };
            };
        };
    };
    set_auto_assignment_api_v1_auto_assignment_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AutoAssignmentIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutoAssignmentOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_quick_replies_api_v1_quick_replies_get: {
        parameters: {
            query?: {
                channel_id?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_QuickReplyOut_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_quick_reply_api_v1_quick_replies_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuickReplyIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuickReplyOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    suggest_quick_replies_api_v1_quick_replies_suggest_get: {
        parameters: {
            query: {
                q: string;
                channel_id?: number | null;
                conversation_id?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_QuickReplyOut_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_quick_reply_api_v1_quick_replies__group_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                group_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuickReplyOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_quick_reply_api_v1_quick_replies__group_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                group_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_quick_reply_api_v1_quick_replies__group_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                group_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuickReplyPatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuickReplyOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_media_api_v1_media_get: {
        parameters: {
            query?: {
                kind?: ("image" | "video" | "audio" | "file") | null;
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_MediaOut_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    upload_media_api_v1_media_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_upload_media_api_v1_media_post"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_media_api_v1_media__media_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MediaOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_media_file_api_v1_media__media_id__file_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                media_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_posts_api_v1_posts_get: {
        parameters: {
            query?: {
                channel_id?: number | null;
                kind?: ("post" | "live_video") | null;
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_PostOut_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_post_api_v1_posts__post_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                post_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PostOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_contacts_api_v1_contacts_get: {
        parameters: {
            query?: {
                q?: string | null;
                phone?: string | null;
                risk?: ("new" | "trusted" | "watch" | "high" | "blacklisted") | null;
                tag_id?: number | null;
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_ContactOut_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_contact_api_v1_contacts__contact_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contact_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactDetailOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_contact_api_v1_contacts__contact_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contact_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContactPatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactDetailOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    add_phone_api_v1_contacts__contact_id__phones_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contact_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PhoneIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactDetailOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    remove_phone_api_v1_contacts__contact_id__phones__phone__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contact_id: number;
                phone: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactDetailOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    add_address_api_v1_contacts__contact_id__addresses_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contact_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddressIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AddressOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_address_api_v1_contacts__contact_id__addresses__address_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contact_id: number;
                address_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    tag_contact_api_v1_contacts__contact_id__tags__tag_id__put: {
        parameters: {
            query?: {
                pinned?: boolean;
            };
            header?: never;
            path: {
                contact_id: number;
                tag_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    untag_contact_api_v1_contacts__contact_id__tags__tag_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contact_id: number;
                tag_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    add_note_api_v1_contacts__contact_id__notes_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contact_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["chotdon__customers__schemas__NoteIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["chotdon__customers__schemas__NoteOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    merge_contacts_api_v1_contacts__contact_id__merge_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contact_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MergeIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactDetailOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    same_customers_api_v1_contacts__contact_id__same_customers_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contact_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SameCustomersOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    dismiss_same_customer_api_v1_contacts__contact_id__same_customers__other_id__dismiss_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contact_id: number;
                other_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SameCustomersOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    undismiss_same_customer_api_v1_contacts__contact_id__same_customers__other_id__dismiss_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contact_id: number;
                other_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SameCustomersOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_customer_settings_api_v1_customer_settings_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerSettingsOut"];
                };
            };
        };
    };
    set_customer_settings_api_v1_customer_settings_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CustomerSettingsIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerSettingsOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    blacklist_contact_api_v1_contacts__contact_id__blacklist_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                contact_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContactBlacklistIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactDetailOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_blacklist_api_v1_phone_blacklist_get: {
        parameters: {
            query?: {
                phone?: string | null;
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_BlacklistOut_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    add_to_blacklist_api_v1_phone_blacklist_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BlacklistIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlacklistOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    remove_from_blacklist_api_v1_phone_blacklist__entry_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                entry_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_orders_api_v1_orders_get: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string | null;
                status?: ("draft" | "confirmed" | "closed" | "completed" | "cancelled")[] | null;
                livestream_id?: number | null;
                contact_id?: number | null;
                conversation_id?: number | null;
                source?: ("manual" | "chat_auto" | "livestream") | null;
                q?: string | null;
                since?: string | null;
                until?: string | null;
                /** @description Comma-separated order ids */
                ids?: string | null;
                /** @description The live shipment's status; `none`: not shipped */
                shipping_status?: ("none" | "booked" | "picking" | "in_transit" | "delivering" | "delivered" | "delivery_failed" | "returning" | "returned" | "lost") | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_OrderOut_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_order_api_v1_orders_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key return the order the first request created */
                "Idempotency-Key"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderDetailOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    bulk_transition_api_v1_orders_bulk_transition_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkTransitionIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkTransitionOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    export_orders_api_v1_orders_export_xlsx_get: {
        parameters: {
            query?: {
                status?: ("draft" | "confirmed" | "closed" | "completed" | "cancelled")[] | null;
                livestream_id?: number | null;
                contact_id?: number | null;
                conversation_id?: number | null;
                source?: ("manual" | "chat_auto" | "livestream") | null;
                q?: string | null;
                since?: string | null;
                until?: string | null;
                /** @description Comma-separated order ids */
                ids?: string | null;
                /** @description The live shipment's status; `none`: not shipped */
                shipping_status?: ("none" | "booked" | "picking" | "in_transit" | "delivering" | "delivered" | "delivery_failed" | "returning" | "returned" | "lost") | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The orders as XLSX */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    print_orders_api_v1_orders_print_get: {
        parameters: {
            query: {
                /** @description Comma-separated order ids */
                ids: string;
                paper?: "a5" | "80mm";
                autoprint?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_order_api_v1_orders__order_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderDetailOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_order_api_v1_orders__order_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderPatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderDetailOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    transition_order_api_v1_orders__order_id__transition_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransitionIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderDetailOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    resend_receipt_api_v1_orders__order_id__receipt_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderDetailOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    print_order_api_v1_orders__order_id__print_get: {
        parameters: {
            query?: {
                paper?: "a5" | "80mm";
                autoprint?: boolean;
            };
            header?: never;
            path: {
                order_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    order_draft_for_conversation_api_v1_conversations__conversation_id__order_draft_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversation_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPrefillOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_warehouses_api_v1_warehouses_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WarehouseOut"][];
                };
            };
        };
    };
    create_warehouse_api_v1_warehouses_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WarehouseIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WarehouseOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_warehouse_api_v1_warehouses__warehouse_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                warehouse_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_warehouse_api_v1_warehouses__warehouse_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                warehouse_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WarehousePatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WarehouseOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_shipping_rates_api_v1_shipping_rates_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShippingRateOut"][];
                };
            };
        };
    };
    replace_shipping_rates_api_v1_shipping_rates_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ShippingRatesIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShippingRateOut"][];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    estimate_shipping_api_v1_shipping_estimate_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ShippingEstimateIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShippingQuoteOut"][];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_order_settings_api_v1_order_settings_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderSettings"];
                };
            };
        };
    };
    update_order_settings_api_v1_order_settings_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderSettingsIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderSettings"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_products_api_v1_products_get: {
        parameters: {
            query?: {
                q?: string | null;
                sku?: string | null;
                active?: boolean | null;
                in_stock?: boolean | null;
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_ProductOut_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_product_api_v1_products_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProductIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    export_products_csv_api_v1_products_export_csv_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The catalogue as CSV */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": unknown;
                };
            };
        };
    };
    export_products_xlsx_api_v1_products_export_xlsx_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The catalogue as XLSX */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                };
            };
        };
    };
    import_products_api_v1_products_import_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_import_products_api_v1_products_import_post"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportResult"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_product_api_v1_products__product_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                product_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_product_api_v1_products__product_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                product_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_product_api_v1_products__product_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                product_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProductPatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_livestreams_api_v1_livestreams_get: {
        parameters: {
            query?: {
                channel_id?: number | null;
                status?: ("scheduled" | "live" | "ended") | null;
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_LivestreamOut_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_livestream_api_v1_livestreams_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LivestreamIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LivestreamDetailOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_live_videos_api_v1_livestreams_live_videos_get: {
        parameters: {
            query?: {
                channel_id?: number | null;
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_LiveVideoOut_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_livestream_api_v1_livestreams__livestream_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                livestream_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LivestreamDetailOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_livestream_api_v1_livestreams__livestream_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                livestream_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LivestreamPatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LivestreamDetailOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_config_api_v1_livestreams__livestream_id__config_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                livestream_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    put_config_api_v1_livestreams__livestream_id__config_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                livestream_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConfigIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    start_taking_orders_api_v1_livestreams__livestream_id__start_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                livestream_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LivestreamDetailOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    stop_taking_orders_api_v1_livestreams__livestream_id__stop_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                livestream_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LivestreamDetailOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    end_livestream_api_v1_livestreams__livestream_id__end_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                livestream_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LivestreamDetailOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    board_orders_api_v1_livestreams__livestream_id__orders_get: {
        parameters: {
            query?: {
                status?: ("draft" | "confirmed" | "closed" | "completed" | "cancelled")[] | null;
                bot_status?: ("queued" | "sent" | "failed") | null;
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path: {
                livestream_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_BoardOrderOut_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    board_totals_api_v1_livestreams__livestream_id__totals_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                livestream_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TotalsOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    comment_feed_api_v1_livestreams__livestream_id__comments_get: {
        parameters: {
            query?: {
                outcome?: string | null;
                contact_id?: number | null;
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path: {
                livestream_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_LiveCommentOut_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    resolve_comment_api_v1_livestreams__livestream_id__comments__comment_id__resolve_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                livestream_id: number;
                comment_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CommentResolveIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LiveCommentOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    bulk_orders_api_v1_livestreams__livestream_id__orders_bulk_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                livestream_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["chotdon__livestream__schemas__BulkIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["chotdon__livestream__schemas__BulkOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    print_orders_api_v1_livestreams__livestream_id__orders_print_post: {
        parameters: {
            query?: {
                paper?: "a5" | "80mm";
                autoprint?: boolean;
            };
            header?: never;
            path: {
                livestream_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PrintIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    attach_live_video_api_v1_livestreams__livestream_id__attach_post: {
        parameters: {
            query: {
                post_id: string;
            };
            header?: never;
            path: {
                livestream_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LivestreamDetailOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_presence_api_v1_presence_get: {
        parameters: {
            query?: {
                /** @description Only this conversation */
                conversation_id?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PresenceOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_working_hours_api_v1_working_hours_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkingHoursOut"];
                };
            };
        };
    };
    set_working_hours_api_v1_working_hours_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WorkingHoursIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkingHoursOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    conversations_report_api_v1_reports_conversations_get: {
        parameters: {
            query?: {
                /** @description First day (workspace time zone) */
                from?: string | null;
                /** @description Last day, included */
                to?: string | null;
                group_by?: "day" | "hour" | "agent" | "channel";
                channel_id?: number | null;
                /** @description `xlsx`: the table as a workbook */
                format?: "json" | "xlsx";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON or a workbook */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationReport"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    orders_report_api_v1_reports_orders_get: {
        parameters: {
            query?: {
                /** @description First day (workspace time zone) */
                from?: string | null;
                /** @description Last day, included */
                to?: string | null;
                group_by?: "day" | "source" | "channel" | "agent" | "livestream";
                channel_id?: number | null;
                /** @description `xlsx`: the table as a workbook */
                format?: "json" | "xlsx";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON or a workbook */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderReport"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    livestream_report_api_v1_reports_livestreams__livestream_id__get: {
        parameters: {
            query?: {
                /** @description `xlsx`: the table as a workbook */
                format?: "json" | "xlsx";
            };
            header?: never;
            path: {
                livestream_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON or a workbook */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LivestreamReport"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_carriers_api_v1_carriers_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CarrierAccountList"];
                };
            };
        };
    };
    get_carrier_api_v1_carriers__carrier__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                carrier: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CarrierAccountOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    put_carrier_api_v1_carriers__carrier__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                carrier: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CarrierAccountIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CarrierAccountOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    shipping_quotes_api_v1_orders__order_id__shipping_quotes_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["QuoteIn"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuotesOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_shipments_api_v1_orders__order_id__shipments_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShipmentList"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    create_shipment_api_v1_orders__order_id__shipments_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ShipmentIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShipmentOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_shipment_api_v1_shipments__shipment_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                shipment_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShipmentOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    cancel_shipment_api_v1_shipments__shipment_id__cancel_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                shipment_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ShipmentOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    shipment_label_api_v1_shipments__shipment_id__label_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                shipment_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The carrier's label */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": unknown;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    shipment_labels_api_v1_shipments_labels_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LabelsIn"];
            };
        };
        responses: {
            /** @description The carrier's label */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": unknown;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    bulk_shipments_api_v1_shipments_bulk_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkShipmentsIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkShipmentsOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_webhooks_api_v1_webhooks_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_WebhookOut_"];
                };
            };
        };
    };
    create_webhook_api_v1_webhooks_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookCreatedOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_webhook_api_v1_webhooks__webhook_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhook_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_webhook_api_v1_webhooks__webhook_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhook_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_webhook_api_v1_webhooks__webhook_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhook_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookPatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_deliveries_api_v1_webhooks__webhook_id__deliveries_get: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path: {
                webhook_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_DeliveryOut_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    redeliver_api_v1_webhooks__webhook_id__deliveries__delivery_id__redeliver_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhook_id: number;
                delivery_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    test_webhook_api_v1_webhooks__webhook_id__test_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhook_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_rules_api_v1_auto_messages_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_AutoMessageOut_"];
                };
            };
        };
    };
    create_rule_api_v1_auto_messages_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AutoMessageIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutoMessageOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    preview_api_v1_auto_messages_preview_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PreviewIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreviewOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    send_log_api_v1_auto_messages_log_get: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_AutoMessageSendOut_"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_rule_api_v1_auto_messages__rule_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutoMessageOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    delete_rule_api_v1_auto_messages__rule_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_rule_api_v1_auto_messages__rule_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AutoMessagePatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AutoMessageOut"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    oauth_callback_channels__provider__callback_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                provider: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    healthz_healthz_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
}
