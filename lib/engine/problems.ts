/** What validation reports: one problem per finding, naming its node or edge when it has one. */
export type ProblemCode =
  | 'schema'
  | 'duplicate_node_id'
  | 'duplicate_edge_id'
  | 'unknown_node_type'
  | 'config'
  | 'expression'
  | 'template'
  | 'dangling_edge'
  | 'unknown_handle'
  | 'edge_into_trigger'
  | 'edge_out_of_fail'
  | 'no_trigger'
  | 'unreachable'
  | 'cycle';

export interface Problem {
  nodeId?: string;
  edgeId?: string;
  code: ProblemCode;
  message: string;
}
