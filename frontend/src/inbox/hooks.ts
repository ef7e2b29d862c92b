// Inbox queries and mutations; every write updates the cache the same way a live event would.
import { type QueryClient, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import * as api from "../api/endpoints";
import { keys } from "../api/keys";
import type { Conversation, Message } from "../api/types";
import { useSession } from "../app/session";
import { applyConversation, compareMessages } from "../live/applyEvent";
import { type InboxFilters, filtersFromSearch, filtersKey, filtersToQuery } from "./filters";

function conversationsQuery(filters: InboxFilters) {
  return {
    queryKey: keys.conversationList(filtersKey(filters)),
    queryFn: ({ pageParam, signal }: { pageParam: string | null; signal: AbortSignal }) =>
      api.conversations.list(filtersToQuery(filters), pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: { next_cursor?: string | null }) => last.next_cursor ?? undefined,
  };
}

export function useConversations(filters: InboxFilters) {
  return useInfiniteQuery(conversationsQuery(filters));
}

/** Start loading the list before React renders: the first thing an agent waits for. */
export function prefetchInbox(client: QueryClient, search: string): void {
  void client.prefetchInfiniteQuery(conversationsQuery(filtersFromSearch(search)));
}

export function useCounts() {
  return useQuery({ queryKey: keys.counts, queryFn: () => api.conversations.counts(), staleTime: 10_000 });
}

export function useConversation(id: number | null) {
  return useQuery({
    queryKey: keys.conversation(id ?? 0),
    queryFn: () => api.conversations.get(id!),
    enabled: id !== null,
  });
}

export function useMessages(conversationId: number | null) {
  const query = useInfiniteQuery({
    queryKey: keys.messages(conversationId ?? 0),
    queryFn: ({ pageParam }) => api.conversations.messages(conversationId!, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: conversationId !== null,
  });
  const seen = new Map<number, Message>();
  for (const page of query.data?.pages ?? []) for (const m of page.items) seen.set(m.id, m);
  const messages = [...seen.values()].sort(compareMessages);
  return { ...query, messages };
}

/** Tags change rarely, but a picker that opens must show the ones a colleague just made. */
export function useTags(opts: { fresh?: boolean } = {}) {
  return useQuery({
    queryKey: keys.tags,
    queryFn: api.tags.list,
    staleTime: 60_000,
    refetchOnMount: opts.fresh ? "always" : true,
  });
}

export function useMembers() {
  return useQuery({ queryKey: keys.members, queryFn: api.members.list, staleTime: 60_000 });
}

export function useChannels() {
  return useQuery({ queryKey: keys.channels, queryFn: api.channels.list, staleTime: 60_000 });
}

/** What a conversation's channel can do (`capabilities`) and its provider's name for people
 * ("Facebook", "Shopee"...): the inbox offers an action only where the channel has it. */
export function useChannelOf(channelId: number | undefined) {
  const channels = useChannels();
  const providers = useQuery({ queryKey: ["channel-providers"], queryFn: () => api.channels.providers(), staleTime: 300_000 });
  const channel = channels.data?.items.find((c) => c.id === channelId);
  const provider = providers.data?.items.find((p) => p.name === channel?.provider);
  const capabilities = new Set(channel?.capabilities ?? []);
  return { channel, label: provider?.label ?? channel?.provider ?? "", can: (capability: string) => capabilities.has(capability) };
}

/** A mutation returning the updated conversation, applied to every cached list at once. */
export function useConversationMutation<V>(fn: (v: V) => Promise<Conversation | unknown>) {
  const client = useQueryClient();
  const { meId } = useSession();
  return useMutation({
    mutationFn: fn,
    onSuccess: (result) => {
      if (result && typeof result === "object" && "contact" in result) applyConversation(client, result as Conversation, meId);
      void client.invalidateQueries({ queryKey: keys.counts });
    },
  });
}

export function useSendMessage(conversationId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Parameters<typeof api.conversations.send>[1]) => api.conversations.send(conversationId, body),
    onSuccess: (msg) => {
      client.setQueryData(keys.messages(conversationId), (data: ReturnType<typeof useMessages>["data"]) => {
        if (!data) return data;
        if (data.pages.some((p) => p.items.some((m) => m.id === msg.id))) return data;
        const pages = [...data.pages];
        pages[0] = { ...pages[0], items: [...pages[0].items, msg] };
        return { ...data, pages };
      });
    },
  });
}
