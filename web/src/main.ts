import { mount } from 'svelte';
import App from './App.svelte';
import { startRouter } from './lib/router.svelte';
import { isServerPath } from './routes';
import './app.css';

startRouter(isServerPath);
mount(App, { target: document.getElementById('app')! });
