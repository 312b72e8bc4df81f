import { mountApp } from '../../shared/mountApp';
import { App } from './App';
import './agent.css';

mountApp(<App />);
