import { css } from 'lit';

export const filtersStyles = css`
  form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em 1em;
    align-items: end;
  }
  label {
    display: grid;
    gap: 0.2em;
    font-size: 0.85em;
    color: var(--_muted);
  }
  input,
  select {
    font-size: 1rem;
    padding: 0.25em 0.4em;
    max-inline-size: 16em;
  }
  :host([theme='wall']) input,
  :host([theme='wall']) select {
    font-size: inherit;
  }
`;
