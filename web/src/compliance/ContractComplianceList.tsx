import { Alert, Badge, Group, Loader, Pagination, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { errorMessage } from '../api/errors';
import type { components } from '../api/schema';
import { formatDate, formatHours, formatNumber, formatShare, todayIso } from '../format/format';
import { CLAUSE_KIND, STATUS } from './labels';

type ContractLine = components['schemas']['ContractLineView'];
type Clause = components['schemas']['ClauseComplianceView'];

const PAGE_SIZE = 20;
const NONE = '—';

/** Realised, expected to date and final target of a clause, as the API computed them (no figure computed here). */
function figures(c: Clause): [string, string, string] {
  if (c.kind === 'insertion_hours') {
    const h = (n: number | undefined) => (n === undefined ? NONE : formatHours(n));
    return [h(c.realisedHours), h(c.expectedToDate), h(c.plannedHoursAtEnd)];
  }
  if (c.kind === 'sme_share') {
    const s = (n: number | null | undefined) => (n === undefined || n === null ? NONE : formatShare(n));
    return [s(c.confirmedShare), NONE, s(c.minShare)];
  }
  return [NONE, NONE, NONE];
}

/**
 * The contracts the signed-in person follows, with each clause's status and its realised figure
 * against the expected one at a date (today by default), paged by the API.
 */
export function ContractComplianceList({ emptyHint }: { emptyHint: string }) {
  const [at, setAt] = useState(todayIso());
  const [page, setPage] = useState(1);
  const validAt = /^\d{4}-\d{2}-\d{2}$/.test(at) ? at : todayIso();
  const query = useQuery({
    queryKey: ['compliance', 'contracts', validAt, page],
    queryFn: async () => unwrap(await api.GET('/api/v1/compliance/contracts', { params: { query: { at: validAt, page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });

  return (
    <Stack>
      <Group align="flex-end" justify="space-between">
        <TextInput
          type="date"
          label="Situation au"
          value={at}
          onChange={(e) => {
            setAt(e.currentTarget.value);
            setPage(1);
          }}
          w={200}
        />
        {query.data && (
          <Text aria-live="polite">
            {query.data.total === 0 ? 'Aucun marché' : `${formatNumber(query.data.total)} marché${query.data.total > 1 ? 's' : ''}`}, situation au {formatDate(validAt)}
          </Text>
        )}
      </Group>
      {query.isPending && <Loader aria-label="Chargement des marchés" />}
      {query.isError && (
        <Alert color="red" role="alert" title="Les marchés n’ont pas pu être chargés">
          {errorMessage(query.error)}
        </Alert>
      )}
      {query.data && query.data.total === 0 && (
        <Alert color="petrol" title="Aucun marché à suivre pour l’instant">
          {emptyHint}
        </Alert>
      )}
      {query.data && query.data.items.length > 0 && (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table withTableBorder verticalSpacing="xs" captionSide="top" aria-busy={query.isFetching}>
              <Table.Caption>Clauses de chaque marché : statut, réalisé, attendu à la date et objectif final</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Marché</Table.Th>
                  <Table.Th scope="col">Clause</Table.Th>
                  <Table.Th scope="col">Statut</Table.Th>
                  <Table.Th scope="col" ta="right">Réalisé</Table.Th>
                  <Table.Th scope="col" ta="right">Attendu à date</Table.Th>
                  <Table.Th scope="col" ta="right">Objectif final</Table.Th>
                </Table.Tr>
              </Table.Thead>
              {query.data.items.map((line) => (
                <ContractRows key={line.contractId} line={line} />
              ))}
            </Table>
          </Table.ScrollContainer>
          {query.data.total > PAGE_SIZE && (
            <Pagination
              total={Math.ceil(query.data.total / PAGE_SIZE)}
              value={page}
              onChange={setPage}
              getControlProps={(control) => ({ 'aria-label': control === 'next' ? 'Page suivante' : control === 'previous' ? 'Page précédente' : control })}
              getItemProps={(p) => ({ 'aria-label': `Page ${p}` })}
            />
          )}
        </>
      )}
    </Stack>
  );
}

function ContractRows({ line }: { line: ContractLine }) {
  const clauses = line.clauses.length ? line.clauses : [null];
  return (
    <Table.Tbody>
      {clauses.map((clause, i) => (
        <Table.Tr key={clause?.clauseId ?? 'none'}>
          {i === 0 && (
            <Table.Th scope="rowgroup" rowSpan={clauses.length} fw="normal" style={{ verticalAlign: "top" }}>
              <Title order={2} size="sm">
                {line.reference}
              </Title>
              <Text size="sm">{line.title}</Text>
              <Text size="xs" c="dimmed">
                {line.contractingAuthority.name} · {line.departmentCode}
              </Text>
            </Table.Th>
          )}
          {clause ? <ClauseCells clause={clause} /> : <Table.Td colSpan={5}>Aucune clause</Table.Td>}
        </Table.Tr>
      ))}
    </Table.Tbody>
  );
}

function ClauseCells({ clause }: { clause: Clause }) {
  const [realised, expected, target] = figures(clause);
  const status = STATUS[clause.status];
  return (
    <>
      <Table.Td>{clause.label ?? CLAUSE_KIND[clause.kind]}</Table.Td>
      <Table.Td>
        <Badge color={status.color} c={status.text} variant="light" tt="none" size="md" w="max-content" styles={{ label: { overflow: 'visible' } }}>
          {status.label}
        </Badge>
      </Table.Td>
      <Table.Td ta="right">{realised}</Table.Td>
      <Table.Td ta="right">{expected}</Table.Td>
      <Table.Td ta="right">{target}</Table.Td>
    </>
  );
}
