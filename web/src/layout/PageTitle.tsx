import { Title } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';

let firstPageShown = false;

/**
 * Every page's one h1: it names the page in the tab's title, and after a navigation inside the
 * application it takes the focus, as a full page load would start from the top: a screen reader
 * announces the new page, and the next Tab goes on from its content. The very first page of a visit
 * leaves the focus where the browser puts it.
 */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Clausier`;
    if (firstPageShown) ref.current?.focus();
    firstPageShown = true;
  }, [title]);
  return (
    <Title order={1} ref={ref} tabIndex={-1} mb="md" style={{ outline: 'none' }}>
      {children}
    </Title>
  );
}
