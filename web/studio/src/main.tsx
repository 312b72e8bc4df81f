import { mountApp } from '../../shared/mountApp';
import { App } from './App';
import './styles.css';

mountApp(<App />);
