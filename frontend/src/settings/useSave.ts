// A mutation that refreshes the given query when it succeeds; every settings form saves with it.
import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";

export function useSave<V, R>(fn: (v: V) => Promise<R>, invalidate: QueryKey, onDone?: (r: R) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => {
      void client.invalidateQueries({ queryKey: invalidate });
      onDone?.(r);
    },
  });
}
